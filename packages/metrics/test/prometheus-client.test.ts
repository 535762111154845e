import { freePort } from '@aiops/testkit/free-port';
import { type RunningServer, startPrometheus } from '@aiops/testkit/prometheus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsQueryError, PrometheusQueryError, PrometheusUnavailableError } from '../src/errors';
import { PrometheusClient } from '../src/prometheus-client';
import type { Series } from '../src/series';
import { MAX_POINTS_PER_SERIES } from '../src/step';
import { templatesFor } from '../src/templates';
import { serve } from './fixtures/http-server';
import {
  knownBase,
  knownSeries,
  MINUTE,
  ODD_POD,
  POD_A,
  POD_B,
  toOpenMetrics,
} from './fixtures/known-series';

const base = knownBase();
let prometheus: RunningServer;
let client: PrometheusClient;

beforeAll(async () => {
  prometheus = await startPrometheus({ openMetricsBackfill: toOpenMetrics(knownSeries(), base) });
  client = new PrometheusClient({ baseUrl: prometheus.url, timeoutMs: 10_000 });
}, 60_000);
afterAll(() => prometheus?.stop());

const byPod = (series: Series[]) => Object.fromEntries(series.map((s) => [s.labels.pod, s]));
const rangeOf = (from: number, to: number, stepMs: number) =>
  Array.from({ length: Math.floor((to - from) / stepMs) + 1 }, (_, i) => from + i * stepMs);

describe('instant queries', () => {
  it('answers a gauge before and after its step, at the given time', async () => {
    const promql = `container_memory_working_set_bytes{pod="${POD_A}"}`;
    const before = await client.query(promql, base + 10 * MINUTE);
    expect(before).toEqual([
      {
        labels: {
          __name__: 'container_memory_working_set_bytes',
          namespace: 'shop',
          pod: POD_A,
          container: 'web',
        },
        timestamps: [base + 10 * MINUTE],
        values: [100 * 1024 * 1024],
      },
    ]);
    const after = await client.query(promql, base + 40 * MINUTE);
    expect(after[0]?.values).toEqual([200 * 1024 * 1024]);
  });

  it('turns scalars, NaN and infinities into numbers', async () => {
    const at = base + MINUTE;
    expect(await client.query('1 + 1', at)).toEqual([{ labels: {}, timestamps: [at], values: [2] }]);
    const [nan] = await client.query('0 / 0', at);
    expect(nan?.values[0]).toBeNaN();
    expect((await client.query('1 / 0', at))[0]?.values).toEqual([Number.POSITIVE_INFINITY]);
    expect((await client.query('-1 / 0', at))[0]?.values).toEqual([Number.NEGATIVE_INFINITY]);
  });

  it('passes a timeout with a fraction of a second on to Prometheus', async () => {
    const quick = new PrometheusClient({ baseUrl: prometheus.url, timeoutMs: 1500 });
    expect(await quick.query('vector(3)', base)).toEqual([{ labels: {}, timestamps: [base], values: [3] }]);
  });

  it('refuses a query whose answer is a string', async () => {
    await expect(client.query('"text"', base)).rejects.toBeInstanceOf(MetricsQueryError);
  });
});

describe('range queries', () => {
  it('gives the exact rate of counters rising 1/s and 2/s', async () => {
    const start = base + 5 * MINUTE;
    const end = base + 10 * MINUTE;
    const series = await client.queryRange(
      'sum by (pod) (rate(http_requests_total{namespace="shop", code="200"}[1m]))',
      start,
      end,
      60,
    );
    const pods = byPod(series);
    expect(Object.keys(pods).sort()).toEqual([POD_A, POD_B]);
    expect(pods[POD_A]?.timestamps).toEqual(rangeOf(start, end, MINUTE));
    expect(pods[POD_A]?.values).toEqual([1, 1, 1, 1, 1, 1]);
    expect(pods[POD_B]?.values).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('raises the step so that a week stays under the point limit', async () => {
    const end = base;
    const start = end - 7 * 24 * 3_600_000;
    const direct = await fetch(
      `${prometheus.url}/api/v1/query_range?${new URLSearchParams({ query: 'vector(1)', start: String(start / 1000), end: String(end / 1000), step: '15' })}`,
    );
    expect(direct.status).toBe(400);
    expect(await direct.text()).toContain('11,000 points');

    const [series] = await client.queryRange('vector(1)', start, end, 15);
    const step = Math.ceil((end - start) / 1000 / (MAX_POINTS_PER_SERIES - 1));
    expect(step).toBe(55);
    expect(series?.timestamps).toEqual(rangeOf(start, end, step * 1000));
    expect(series?.timestamps.length).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
  });

  it('evaluates structured templates rendered to PromQL', async () => {
    const templates = templatesFor(
      { kind: 'deployment', namespace: 'shop', name: 'web' },
      { rateWindowSeconds: 60 },
    );
    const at = async (id: string, minute: number) => {
      const template = templates.find((t) => t.id === id);
      if (!template) throw new Error(`no template ${id}`);
      const time = base + minute * MINUTE;
      return byPod(await client.queryRange(template.query, time, time, 15));
    };
    expect((await at('cpu', 10))[POD_A]?.values).toEqual([0.5]);
    expect((await at('cpu', 10))[POD_B]?.values).toEqual([0.25]);
    expect((await at('memory', 40))[POD_A]?.values).toEqual([200 * 1024 * 1024]);
    expect((await at('error_rate', 10))[POD_A]?.values).toEqual([0]);
    expect((await at('error_rate', 25))[POD_A]?.values[0]).toBeCloseTo(0.5 / 1.5, 12);
    expect((await at('latency_p90', 10))[POD_A]?.values[0]).toBeCloseTo(0.8, 12);
    expect((await at('latency_p90', 10))[POD_B]?.values[0]).toBeCloseTo(0.09, 12);
    expect((await at('ready', 30.5))[POD_A]?.values).toEqual([0]);
    expect(Object.keys(await at('ready', 10)).sort()).toEqual([POD_A, POD_B]);
    const unavailable = templates.find((t) => t.id === 'unavailable_replicas');
    const [replicas] = await client.queryRange(
      unavailable?.query ?? '',
      base + 30.5 * MINUTE,
      base + 30.5 * MINUTE,
    );
    expect(replicas).toMatchObject({ labels: { namespace: 'shop', deployment: 'web' }, values: [1] });
  });
});

describe('label values from outside', () => {
  const readyOf = async (target: Parameters<typeof templatesFor>[0]) => {
    const ready = templatesFor(target).find((t) => t.id === 'ready');
    return client.query(ready?.promql ?? '', base + 10 * MINUTE);
  };

  it('matches a pod whose name has quotes and backslashes', async () => {
    const series = await readyOf({ kind: 'pod', namespace: 'odd', pod: ODD_POD });
    expect(series.map((s) => s.labels.pod)).toEqual([ODD_POD]);
  });

  it('cannot be used to inject PromQL', async () => {
    expect(await readyOf({ kind: 'pod', namespace: 'odd', pod: 'x"} or vector(1) or up{a="' })).toEqual([]);
    expect(await readyOf({ kind: 'pod', namespace: 'odd', pod: 'x\\"} or vector(1) #' })).toEqual([]);
  });

  it('matches a deployment name with regex metacharacters literally', async () => {
    const series = await readyOf({ kind: 'deployment', namespace: 'dots', name: 'my.app' });
    expect(series.map((s) => s.labels.pod)).toEqual(['my.app-5d8f9c7b6-abcde']);
  });
});

describe('errors', () => {
  it('carries Prometheus’ own message for bad PromQL (HTTP 400)', async () => {
    const error = await client.query('sum(', base).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrometheusQueryError);
    expect(error).toMatchObject({ status: 400, errorType: 'bad_data' });
    expect((error as Error).message).toContain('parse error');
  });

  it('carries Prometheus’ execution errors (HTTP 422)', async () => {
    const error = await client
      .query('kube_pod_status_ready{namespace="shop"} + on() vector(1)', base + 10 * MINUTE)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrometheusQueryError);
    expect(error).toMatchObject({ status: 422, errorType: 'execution' });
    expect((error as Error).message).toContain('many-to-one matching must be explicit');
  });

  it('refuses a range that ends before it starts without asking', async () => {
    await expect(client.queryRange('up', base, base - 1)).rejects.toBeInstanceOf(MetricsQueryError);
  });

  it('is unavailable on a closed port', async () => {
    const closed = new PrometheusClient({ baseUrl: `http://127.0.0.1:${await freePort()}` });
    const error = await closed.queryRange('up', base, base + MINUTE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrometheusUnavailableError);
    expect(error).toMatchObject({ reason: 'connection' });
    expect((error as Error).message).toContain('ECONNREFUSED');
    await expect(closed.ping()).rejects.toBeInstanceOf(PrometheusUnavailableError);
  });

  it('is unavailable when Prometheus never answers', async () => {
    const silent = await serve(() => {});
    try {
      const slow = new PrometheusClient({ baseUrl: silent.url, timeoutMs: 200 });
      const error = await slow.query('up').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrometheusUnavailableError);
      expect(error).toMatchObject({ reason: 'timeout' });
    } finally {
      await silent.close();
    }
  });

  it('is unavailable on a 5xx and on a garbled answer', async () => {
    const broken = await serve((req, res) => {
      if (req.url?.includes('query_range')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('<html>proxy</html>');
      } else {
        res
          .writeHead(503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'error', errorType: 'unavailable', error: 'TSDB not ready' }));
      }
    });
    try {
      const c = new PrometheusClient({ baseUrl: broken.url });
      const error = await c.query('up').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrometheusUnavailableError);
      expect(error).toMatchObject({ reason: 'http', status: 503 });
      expect((error as Error).message).toContain('TSDB not ready');
      await expect(c.queryRange('up', base, base + MINUTE)).rejects.toMatchObject({ reason: 'response' });
    } finally {
      await broken.close();
    }
  });
});

describe('status', () => {
  it('pings and reads the build information', async () => {
    await client.ping();
    const info = await client.buildInfo();
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(client.describe()).toBe(prometheus.url);
  });
});
