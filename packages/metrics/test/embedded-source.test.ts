import { type RunningServer, startPrometheus } from '@aiops/testkit/prometheus';
import { waitFor } from '@aiops/testkit/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveMetric } from '../src/catalogue';
import { EmbeddedMetricsSource } from '../src/embedded/embedded-source';
import { SampleStore } from '../src/embedded/sample-store';
import { MetricsScraper } from '../src/embedded/scraper';
import { startEmbeddedMetrics } from '../src/embedded/start-embedded';
import { MetricsUnavailableError, UnsupportedQueryError } from '../src/errors';
import { PrometheusClient } from '../src/prometheus-client';
import type { QueryTemplate } from '../src/promql/query-template';
import type { Series } from '../src/series';
import { templatesFor } from '../src/templates';
import { serve } from './fixtures/http-server';
import {
  knownBase,
  knownSeries,
  MINUTE,
  POD_A,
  POD_B,
  POINTS,
  scrapePage,
  toOpenMetrics,
} from './fixtures/known-series';

const base = knownBase();
const series = knownSeries();
let prometheus: RunningServer;
let client: PrometheusClient;
let embedded: EmbeddedMetricsSource;

beforeAll(async () => {
  prometheus = await startPrometheus({ openMetricsBackfill: toOpenMetrics(series, base) });
  client = new PrometheusClient({ baseUrl: prometheus.url });

  // The target serves the next sample of every series on each scrape, with its timestamp, as a page that changes.
  let scrape = 0;
  const target = await serve((_req, res) => {
    res
      .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
      .end(scrapePage(series, base, scrape++));
  });
  // The samples are hours old: keep them past the default retention.
  const store = new SampleStore({ samplesPerSeries: POINTS, retentionMs: 24 * 3_600_000 });
  const scraper = new MetricsScraper({ url: `${target.url}/metrics`, store, intervalMs: 15_000 });
  try {
    for (let i = 0; i < POINTS; i++) {
      const status = await scraper.scrapeOnce();
      expect(status.lastError).toBeUndefined();
    }
  } finally {
    await target.close();
  }
  embedded = new EmbeddedMetricsSource({ store });
}, 60_000);
afterAll(() => prometheus?.stop());

/** Both answers, with values compared to 1e-9 relative (summation order may differ in the last bits). */
function expectSameSeries(actual: Series[], expected: Series[]): void {
  expect(actual.map((s) => s.labels)).toEqual(expected.map((s) => s.labels));
  actual.forEach((s, i) => {
    const e = expected[i] as Series;
    expect(s.timestamps).toEqual(e.timestamps);
    s.values.forEach((v, j) => {
      const want = e.values[j] as number;
      if (Number.isNaN(want)) expect(v).toBeNaN();
      else expect(Math.abs(v - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
    });
  });
}

const sortSeries = (list: Series[]) =>
  [...list].sort((a, b) =>
    JSON.stringify(Object.entries(a.labels).sort()).localeCompare(
      JSON.stringify(Object.entries(b.labels).sort()),
    ),
  );

describe('the embedded source answers what Prometheus answers for the same samples', () => {
  // Windows not aligned with the samples exercise rate extrapolation; the range crosses the counter reset at 30 min.
  const start = base + 2 * MINUTE + 7_000;
  const end = base + 58 * MINUTE;

  const cases: [string, QueryTemplate][] = [
    ...templatesFor({ kind: 'deployment', namespace: 'shop', name: 'web' }).map(
      (t) => [`deployment template ${t.id}`, t.query] as [string, QueryTemplate],
    ),
    ...templatesFor({ kind: 'deployment', namespace: 'shop', name: 'web' }, { rateWindowSeconds: 45 }).map(
      (t) => [`deployment template ${t.id}, 45 s window`, t.query] as [string, QueryTemplate],
    ),
    ...templatesFor({ kind: 'pod', namespace: 'shop', pod: POD_A, container: 'web' }).map(
      (t) => [`container template ${t.id}`, t.query] as [string, QueryTemplate],
    ),
    ...templatesFor({ kind: 'cluster' }).map(
      (t) => [`cluster template ${t.id}`, t.query] as [string, QueryTemplate],
    ),
    ['catalogue name in a namespace', resolveMetric('memory', { namespace: 'shop' }).query as QueryTemplate],
    [
      'raw series of a metric',
      {
        fn: 'select',
        selector: {
          metric: 'kube_pod_status_ready',
          matchers: [{ label: 'namespace', op: '=', value: 'shop' }],
        },
      },
    ],
    [
      'max and avg of a gauge',
      {
        fn: 'ratio',
        numerator: {
          fn: 'gauge',
          selector: { metric: 'container_memory_working_set_bytes', matchers: [] },
          aggregate: 'max',
          by: ['namespace'],
        },
        denominator: {
          fn: 'gauge',
          selector: { metric: 'container_memory_working_set_bytes', matchers: [] },
          aggregate: 'avg',
          by: ['namespace'],
        },
      },
    ],
    [
      'increase of a counter with a reset',
      {
        fn: 'increase',
        selector: {
          metric: 'container_cpu_usage_seconds_total',
          matchers: [{ label: 'container', op: '=', value: 'web' }],
        },
        windowSeconds: 100,
        aggregate: 'min',
        by: ['pod'],
      },
    ],
  ];

  it.each(cases)('%s', async (_name, query) => {
    const fromPrometheus = sortSeries(await client.queryRange(query, start, end, 30));
    const fromEmbedded = await embedded.queryRange(query, start, end, 30);
    expect(fromPrometheus.length).toBeGreaterThan(0);
    expectSameSeries(sortSeries(fromEmbedded), fromPrometheus);
  });

  it('has non-trivial answers to compare (the cases are not all empty)', async () => {
    const [cpu, latency] = ['cpu', 'latency_p90'].map(
      (id) =>
        templatesFor({ kind: 'deployment', namespace: 'shop', name: 'web' }).find((t) => t.id === id)?.query,
    );
    const cpuSeries = await embedded.queryRange(cpu as QueryTemplate, start, end, 30);
    expect(cpuSeries.map((s) => s.labels.pod).sort()).toEqual([POD_A, POD_B]);
    const latencySeries = await embedded.queryRange(
      latency as QueryTemplate,
      base + 10 * MINUTE,
      base + 10 * MINUTE,
    );
    expect(latencySeries.map((s) => [s.labels.pod, Number(s.values[0]?.toFixed(12))])).toEqual([
      [POD_A, 0.8],
      [POD_B, 0.09],
    ]);
  });
});

describe('queries the embedded source refuses', () => {
  it('answers PromQL text with a clear error', async () => {
    const error = await embedded.queryRange('rate(up[5m])', base, base + MINUTE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedQueryError);
    expect((error as Error).message).toContain('configure PROMETHEUS_URL');
  });

  it('is unavailable while its only target has never answered', async () => {
    const store = new SampleStore();
    const scraper = new MetricsScraper({ url: 'http://127.0.0.1:1/metrics', store, intervalMs: 1000 });
    await scraper.scrapeOnce();
    const source = new EmbeddedMetricsSource({ store, scrapers: [scraper] });
    const cpu = templatesFor({ kind: 'cluster' })[0]?.query as QueryTemplate;
    await expect(source.queryRange(cpu, base, base + MINUTE)).rejects.toBeInstanceOf(MetricsUnavailableError);
  });
});

describe('scraping on a timer', () => {
  it('takes samples at scrape time and ends a series that vanishes from the page', async () => {
    let scrapes = 0;
    let withPodB = true;
    const target = await serve((_req, res) => {
      scrapes++;
      const lines = [`kube_pod_status_ready{namespace="live",pod="a",condition="true"} ${scrapes}`];
      if (withPodB) lines.push('kube_pod_status_ready{namespace="live",pod="b",condition="true"} 1');
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`);
    });
    const metrics = startEmbeddedMetrics({ urls: [`${target.url}/metrics`], scrapeIntervalMs: 20 });
    try {
      await waitFor(() => (metrics.scrapers[0]?.status().scrapes ?? 0) >= 3, { what: 'three scrapes' });
      const raw: QueryTemplate = {
        fn: 'select',
        selector: {
          metric: 'kube_pod_status_ready',
          matchers: [{ label: 'namespace', op: '=', value: 'live' }],
        },
      };
      const now = Date.now();
      const [a, b] = await metrics.source.queryRange(raw, now, now, 1);
      expect(a?.labels).toEqual({
        __name__: 'kube_pod_status_ready',
        namespace: 'live',
        pod: 'a',
        condition: 'true',
      });
      expect(a?.values[0]).toBeGreaterThanOrEqual(3);
      expect(b?.values).toEqual([1]);

      withPodB = false;
      const seen = metrics.scrapers[0]?.status().scrapes ?? 0;
      await waitFor(() => (metrics.scrapers[0]?.status().scrapes ?? 0) >= seen + 2, {
        what: 'two more scrapes',
      });
      const later = Date.now();
      const pods = await metrics.source.queryRange(raw, later, later, 1);
      expect(pods.map((s) => s.labels.pod)).toEqual(['a']);
    } finally {
      await metrics.stop();
      await target.close();
    }
  });

  it('records a failing target and marks its series stale', async () => {
    let fail = false;
    const target = await serve((_req, res) => {
      if (fail) res.writeHead(500).end('boom');
      else res.writeHead(200).end('up_gauge 1\n');
    });
    const store = new SampleStore();
    const scraper = new MetricsScraper({ url: target.url, store, intervalMs: 1000 });
    try {
      expect((await scraper.scrapeOnce()).lastError).toBeUndefined();
      fail = true;
      // The stale marker must be later than the sample, in whole milliseconds.
      await new Promise((r) => setTimeout(r, 5));
      const status = await scraper.scrapeOnce();
      expect(status.lastError).toBe('HTTP 500');
      expect(status.failures).toBe(1);
      const source = new EmbeddedMetricsSource({ store, scrapers: [scraper] });
      const now = Date.now();
      expect(
        await source.queryRange({ fn: 'select', selector: { metric: 'up_gauge', matchers: [] } }, now, now),
      ).toEqual([]);
      const before = status.lastSuccessAt as number;
      const [earlier] = await source.queryRange(
        { fn: 'select', selector: { metric: 'up_gauge', matchers: [] } },
        before,
        before,
      );
      expect(earlier?.values).toEqual([1]);
    } finally {
      await target.close();
    }
  });
});
