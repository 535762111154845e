import { labelsKey } from './label-match';
import type { SampleStore } from './sample-store';
import { parseTextFormat } from './text-format';

export interface ScraperOptions {
  /** A Prometheus text-format endpoint, such as the simulated cluster's /metrics. */
  url: string;
  store: SampleStore;
  intervalMs: number;
  /** Default: the interval. */
  timeoutMs?: number;
}

export interface ScrapeStatus {
  url: string;
  /** Scrapes finished, failed ones included. */
  scrapes: number;
  failures: number;
  lastScrapeAt?: number;
  lastSuccessAt?: number;
  lastError?: string;
  /** Samples the last successful scrape read, and how many of those the store refused. */
  lastSamples: number;
  lastRefused: number;
}

/**
 * Fetches a text-format endpoint every interval into the store, as Prometheus scrapes: samples without their own
 * timestamp take the scrape's time, and a series that vanishes from the page (or every series, when a scrape
 * fails) gets a stale marker. Scrapes never overlap.
 */
export class MetricsScraper {
  private readonly timeoutMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  /** Series of the last scrape that had no timestamp of their own: the ones staleness applies to. */
  private lastSeen = new Set<string>();
  private readonly state: ScrapeStatus;

  constructor(private readonly options: ScraperOptions) {
    this.timeoutMs = options.timeoutMs ?? options.intervalMs;
    this.state = { url: options.url, scrapes: 0, failures: 0, lastSamples: 0, lastRefused: 0 };
  }

  /** Scrapes now, then every interval until stop(). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      this.running = this.scrapeOnce().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  status(): ScrapeStatus {
    return { ...this.state };
  }

  /** One scrape; resolves with the status after it (it never rejects: failures are recorded). */
  async scrapeOnce(): Promise<ScrapeStatus> {
    const at = Date.now();
    this.state.lastScrapeAt = at;
    try {
      const response = await fetch(this.options.url, {
        headers: { accept: 'text/plain;version=0.0.4' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.ingest(text, at);
      this.state.lastSuccessAt = at;
      this.state.lastError = undefined;
    } catch (error) {
      this.state.failures++;
      this.state.lastError = error instanceof Error ? describeError(error) : String(error);
      for (const key of this.lastSeen) this.options.store.markStale(key, at);
      this.lastSeen = new Set();
    }
    this.options.store.prune(at);
    this.state.scrapes++;
    return this.status();
  }

  private ingest(text: string, at: number): void {
    const samples = parseTextFormat(text);
    const seen = new Set<string>();
    let refused = 0;
    for (const sample of samples) {
      const key = labelsKey(sample.labels);
      const result = this.options.store.append(sample.labels, sample.timestampMs ?? at, sample.value, key);
      if (result !== 'appended') refused++;
      if (sample.timestampMs === undefined) seen.add(key);
    }
    for (const key of this.lastSeen) if (!seen.has(key)) this.options.store.markStale(key, at);
    this.lastSeen = seen;
    this.state.lastSamples = samples.length;
    this.state.lastRefused = refused;
  }
}

function describeError(error: Error): string {
  if (error.name === 'TimeoutError') return 'timed out';
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}
