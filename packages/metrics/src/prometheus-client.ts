import { MetricsQueryError, PrometheusQueryError, PrometheusUnavailableError } from './errors';
import {
  ApiResponseSchema,
  type BuildInfo,
  BuildInfoSchema,
  QueryDataSchema,
  toSeries,
} from './prometheus-response';
import { renderPromql } from './promql/render';
import type { MetricQuery, MetricsSource, Series } from './series';
import { stepForRange } from './step';

export interface PrometheusClientOptions {
  /** Prometheus' address, with its path prefix if it has one (http://127.0.0.1:9090, http://host/prometheus). */
  baseUrl: string;
  /** Time allowed for each request, answer included; Prometheus is asked to stop evaluating by then too. */
  timeoutMs?: number;
  /** Step of range queries that do not give one. */
  defaultStepSeconds?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_STEP_SECONDS = 15;

/** Instant and range queries over Prometheus' HTTP API, with typed answers and errors callers can tell apart. */
export class PrometheusClient implements MetricsSource {
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly defaultStepSeconds: number;

  constructor(options: PrometheusClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.defaultStepSeconds = options.defaultStepSeconds ?? DEFAULT_STEP_SECONDS;
  }

  describe(): string {
    return this.base.href.replace(/\/$/, '');
  }

  /** Evaluates the query at one instant (default: now, as Prometheus sees it). */
  async query(query: MetricQuery, timeMs?: number): Promise<Series[]> {
    const params: Record<string, string> = { query: toPromql(query) };
    if (timeMs !== undefined) params.time = unixSeconds(timeMs);
    return this.evaluate('api/v1/query', params);
  }

  async queryRange(
    query: MetricQuery,
    startMs: number,
    endMs: number,
    stepSeconds?: number,
  ): Promise<Series[]> {
    const step = stepForRange(startMs, endMs, stepSeconds ?? this.defaultStepSeconds);
    return this.evaluate('api/v1/query_range', {
      query: toPromql(query),
      start: unixSeconds(startMs),
      end: unixSeconds(endMs),
      step: String(step),
    });
  }

  /** Resolves when Prometheus says it is ready to serve queries; rejects with PrometheusUnavailableError otherwise. */
  async ping(): Promise<void> {
    const response = await this.request('-/ready', { method: 'GET' });
    await response.body?.cancel();
    if (!response.ok) {
      throw new PrometheusUnavailableError(
        `Prometheus at ${this.describe()} is not ready (HTTP ${response.status})`,
        'http',
        response.status,
      );
    }
  }

  async buildInfo(): Promise<BuildInfo> {
    const response = await this.request('api/v1/status/buildinfo', { method: 'GET' });
    const data = await this.readData(response);
    const parsed = BuildInfoSchema.safeParse(data);
    if (!parsed.success) throw this.garbled('build information', parsed.error.message);
    return parsed.data;
  }

  private async evaluate(path: string, params: Record<string, string>): Promise<Series[]> {
    // Prometheus reads a bare number as seconds, fractions included (a duration such as "1.5s" it refuses).
    const body = new URLSearchParams({ ...params, timeout: String(this.timeoutMs / 1000) });
    const response = await this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const parsed = QueryDataSchema.safeParse(await this.readData(response));
    if (!parsed.success) throw this.garbled('query result', parsed.error.message);
    if (parsed.data.resultType === 'string') {
      throw new MetricsQueryError(`the query gives a string, not series: ${params.query}`);
    }
    try {
      return toSeries(parsed.data);
    } catch (error) {
      throw this.garbled('sample', error instanceof Error ? error.message : String(error));
    }
  }

  private async request(path: string, init: RequestInit): Promise<Response> {
    const url = new URL(path, this.base);
    try {
      return await fetch(url, {
        ...init,
        headers: { accept: 'application/json', ...init.headers },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw this.unreachable(error);
    }
  }

  /** Reads the envelope; maps Prometheus' refusals of the query to PrometheusQueryError, the rest to unavailable. */
  private async readData(response: Response): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.unreachable(error);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const envelope = ApiResponseSchema.safeParse(json);
    if (response.status === 400 || response.status === 422) {
      if (envelope.success && envelope.data.status === 'error') {
        throw new PrometheusQueryError(envelope.data.error, envelope.data.errorType, response.status);
      }
      throw new PrometheusQueryError(
        text.slice(0, 500) || `HTTP ${response.status}`,
        'bad_data',
        response.status,
      );
    }
    if (!response.ok) {
      const detail =
        envelope.success && envelope.data.status === 'error' ? envelope.data.error : text.slice(0, 200);
      const reason =
        envelope.success && envelope.data.status === 'error' && envelope.data.errorType === 'timeout';
      throw new PrometheusUnavailableError(
        `Prometheus at ${this.describe()} answered HTTP ${response.status}: ${detail}`,
        reason ? 'timeout' : 'http',
        response.status,
      );
    }
    if (!envelope.success || envelope.data.status !== 'success') {
      throw this.garbled('answer', text.slice(0, 200));
    }
    return envelope.data.data;
  }

  private unreachable(error: unknown): PrometheusUnavailableError {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return new PrometheusUnavailableError(
        `Prometheus at ${this.describe()} did not answer within ${this.timeoutMs} ms`,
        'timeout',
        undefined,
        { cause: error },
      );
    }
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    return new PrometheusUnavailableError(
      `Prometheus at ${this.describe()} is unreachable: ${cause}`,
      'connection',
      undefined,
      { cause: error },
    );
  }

  private garbled(what: string, detail: string): PrometheusUnavailableError {
    return new PrometheusUnavailableError(
      `Prometheus at ${this.describe()} sent an unreadable ${what}: ${detail}`,
      'response',
    );
  }
}

const toPromql = (query: MetricQuery): string => (typeof query === 'string' ? query : renderPromql(query));

/** Prometheus takes times as Unix seconds; milliseconds keep their precision as decimals. */
const unixSeconds = (ms: number): string => (ms / 1000).toFixed(3);
