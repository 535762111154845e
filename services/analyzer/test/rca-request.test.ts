import { RcaDataSchema, type RcaJob } from '@aiops/contracts';
import {
  type MetricQuery,
  type MetricsSource,
  PrometheusQueryError,
  resolveMetric,
  type Series,
  UnsupportedQueryError,
} from '@aiops/metrics';
import { describe, expect, it } from 'vitest';
import { answerRcaRequest } from '../src/rca-request';

const END = Date.UTC(2026, 10, 28, 10, 30, 0);
const START = END - 30 * 60_000;
const STEP = 15_000;
const TIMES = Array.from({ length: (END - START) / STEP + 1 }, (_, i) => START + i * STEP);

/** A level with a little deterministic wobble, stepping to `after` from `at` on. */
function steady(level: number, after = level, at = END): number[] {
  return TIMES.map((t, i) => (t >= at ? after : level) * (1 + 0.02 * Math.sin(i * 1.7)));
}
const pod = (name: string, values: number[]): Series => ({
  labels: { namespace: 'shop', pod: name },
  timestamps: TIMES,
  values,
});
/** The series as a scraper that started `points` steps before the end has it (the demo, just started). */
const recent = (series: Series, points: number): Series => ({
  ...series,
  timestamps: series.timestamps.slice(-points),
  values: series.values.slice(-points),
});

/** Answers each requested metric with its series, as Prometheus would; PromQL text is refused. */
function sourceOf(byMetric: Record<string, Series[]>, refuse?: Error): MetricsSource {
  const keys = new Map(Object.keys(byMetric).map((m) => [JSON.stringify(resolveMetric(m).query), m]));
  return {
    describe: () => 'test',
    async queryRange(query: MetricQuery) {
      if (typeof query === 'string' && refuse) throw refuse;
      return byMetric[keys.get(JSON.stringify(query)) ?? ''] ?? [];
    },
  };
}

const job = (metrics: string[]): RcaJob => ({ startMs: START, endMs: END, metrics });
const labelOf = (labels: Record<string, string>) =>
  (['pod', 'deployment', 'service', 'node'] as const)
    .filter((kind) => labels[kind])
    .map((kind) => `${kind}/${labels.namespace}/${labels[kind]}`)[0];

describe('answerRcaRequest', () => {
  it('answers the anomalies the ranking and summary counted, and every metric its candidates cite', async () => {
    // A scraper that began 2.5 minutes ago: too few points for the detectors, enough for the ranking.
    const source = sourceOf({
      cpu: [
        recent(pod('cart-1', steady(0.2, 0.9, END - 60_000)), 11),
        recent(pod('web-1', steady(0.3)), 11),
        pod('db-1', steady(0.5)),
      ],
      restarts: [
        recent(pod('cart-1', steady(0, 1, END - 45_000).map(Math.round)), 11),
        recent(pod('web-1', steady(2).map(Math.round)), 11),
      ],
    });
    const answer = await answerRcaRequest(job(['cpu', 'restarts']), { source, threshold: 0.65 });
    if (!answer.ok) throw new Error(answer.message);
    const data = RcaDataSchema.parse(answer.data);

    const counted = /(\d+) of (\d+) entities were anomalous/.exec(data.summary);
    expect(counted, data.summary).not.toBeNull();
    const anomalousEntities = new Set(data.anomalies.map((a) => labelOf(a.labels)));
    expect(anomalousEntities.size).toBe(Number(counted![1]));
    expect(anomalousEntities.has('pod/shop/cart-1')).toBe(true);

    const top = data.root_cause_candidates[0]!;
    expect(top.resource.name).toBe('cart-1');
    const reported = new Set(data.anomalies.map((a) => `${labelOf(a.labels)} ${a.metric}`));
    for (const candidate of data.root_cause_candidates) {
      const label = `${candidate.resource.kind}/${candidate.resource.namespace}/${candidate.resource.name}`;
      for (const evidence of candidate.evidence.filter((e) => e.kind === 'metric' || e.kind === 'status')) {
        if (evidence.source === 'dependency graph') continue;
        const cited = evidence.source.includes(' ') ? evidence.source : `${label} ${evidence.source}`;
        expect(reported, `${label}: ${evidence.text}`).toContain(cited);
      }
    }
  });

  it('names in the summary the requested metrics that matched no series', async () => {
    const source = sourceOf({ cpu: [pod('cart-1', steady(0.2))] });
    const answer = await answerRcaRequest(job(['cpu', 'memory', 'no_such_metric_total']), {
      source,
      threshold: 0.65,
    });
    if (!answer.ok) throw new Error(answer.message);
    const { summary } = RcaDataSchema.parse(answer.data);
    expect(summary).toContain('No series matched the requested metrics "memory", "no_such_metric_total"');
    expect(summary).not.toMatch(/"cpu"/);
  });

  it('says which PromQL Prometheus refused, and why, with balanced parentheses', async () => {
    const refusal = new PrometheusQueryError('1:10: parse error: unclosed left parenthesis', 'bad_data', 400);
    const answer = await answerRcaRequest(job(['cpu', 'sum(rate(']), {
      source: sourceOf({ cpu: [] }, refusal),
      threshold: 0.65,
    });
    expect(answer).toEqual({
      ok: false,
      status: 400,
      message: 'metrics.1: invalid PromQL "sum(rate(": 1:10: parse error: unclosed left parenthesis',
      field: 'metrics.1',
    });
  });

  it('says PromQL needs Prometheus when the embedded source is asked for it', async () => {
    const answer = await answerRcaRequest(job(['sum(rate(']), {
      source: sourceOf({}, new UnsupportedQueryError('sum(rate(')),
      threshold: 0.65,
    });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.message).toMatch(
      /^metrics\.0: PromQL "sum\(rate\(" cannot run on the embedded metrics source/,
    );
    expect(answer.message).toContain('PROMETHEUS_URL');
    expect(answer.message).not.toContain('(query:');
  });
});
