import { type Incident, RcaDataSchema } from '@aiops/contracts';
import { createRedis } from '@aiops/runtime';
import { type RunningServer, startPrometheus } from '@aiops/testkit/prometheus';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { waitFor } from '@aiops/testkit/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPipeline, startPipeline } from '../support/pipeline-processes';

/**
 * A real Prometheus filled (promtool backfill) with two hours of a deployment's metrics in which the CPU of one
 * pod steps up at a known minute; the pipeline's detect and analyze stages and the RCA API read it.
 */
const STEP_S = 15;
const POINTS = 480;
const STEP_AT = 300; // index of the step: 75 minutes in
const POD = 'checkout-6b5d4c3b2-q1w2e';
const OTHER = 'checkout-6b5d4c3b2-zxcvb';

// Backfilled data must sit in complete 2-hour blocks: start 4 hours before the current block.
const block = 2 * 3_600_000;
const base = Math.floor(Date.now() / block) * block - 2 * block;
const at = (i: number) => base + i * STEP_S * 1000;

function openMetrics(): string {
  const lines = ['# TYPE container_cpu_usage_seconds_total counter'];
  for (const [pod, busy] of [
    [POD, true],
    [OTHER, false],
  ] as const) {
    let total = 0;
    for (let i = 0; i < POINTS; i++) {
      const noise = ((i * 7919) % 13) / 1000;
      total += STEP_S * ((busy && i >= STEP_AT ? 0.9 : 0.1) + noise);
      lines.push(
        `container_cpu_usage_seconds_total{namespace="shop",pod="${pod}",container="app"} ${total.toFixed(3)} ${at(i) / 1000}`,
      );
    }
  }
  lines.push('# TYPE kube_pod_container_status_restarts_total gauge');
  for (let i = 0; i < POINTS; i++) {
    lines.push(
      `kube_pod_container_status_restarts_total{namespace="shop",pod="${POD}",container="app"} 0 ${at(i) / 1000}`,
    );
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = testPrefix('detect');
let prometheus: RunningServer;
let pipeline: RunningPipeline;

beforeAll(async () => {
  prometheus = await startPrometheus({ openMetricsBackfill: openMetrics() });
  pipeline = await startPipeline({
    QUEUE_PREFIX: prefix,
    PROMETHEUS_URL: prometheus.url,
    DETECT_STEP_SECONDS: '15',
  });
}, 120_000);
afterAll(async () => {
  await pipeline?.stop();
  await prometheus?.stop();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const api = (path: string, init?: RequestInit) => fetch(`${pipeline.url}${path}`, init);

describe('detection and RCA over a real Prometheus', () => {
  it('finds the CPU step of the alerted deployment, with its onset, direction and size', async () => {
    const startsAt = new Date(at(STEP_AT + 8)).toISOString();
    const labels = { alertname: 'HighPodCPU', severity: 'critical', namespace: 'shop', pod: POD };
    const webhook = {
      version: '4',
      groupKey: `{}:{alertname="HighPodCPU"}-${prefix}`,
      status: 'firing',
      receiver: 'aiops',
      groupLabels: { alertname: 'HighPodCPU' },
      commonLabels: labels,
      commonAnnotations: {},
      externalURL: '',
      truncatedAlerts: 0,
      alerts: [
        {
          status: 'firing',
          labels,
          annotations: {},
          startsAt,
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: '',
          fingerprint: `cpu-${prefix}`,
        },
      ],
    };
    const res = await api('/api/v1/alerts/alertmanager', {
      method: 'POST',
      headers: { authorization: `Bearer ${pipeline.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(webhook),
    });
    const id = ((await res.json()) as { data: { incidents: { id: string }[] } }).data.incidents[0]!.id;
    const incident = await waitFor(
      async () => {
        const i = ((await (await api(`/api/v1/incidents/${id}`)).json()) as { data: Incident }).data;
        return i.stages.analyze?.state === 'done' ? i : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(incident.detection).toMatchObject({ available: true, source: prometheus.url });
    const cpu = incident.anomalies?.find((a) => a.metric === 'cpu' && a.labels.pod === POD);
    expect(cpu, JSON.stringify(incident.anomalies)).toBeDefined();
    expect(cpu?.direction).toBe('up');
    expect(cpu!.size).toBeGreaterThan(0.5);
    expect(Math.abs(Date.parse(cpu!.onset) - at(STEP_AT))).toBeLessThanOrEqual(5 * 60_000);
    // The quiet pod shows no rise; its rate only dips where the backfilled data ends (rate() at the edge).
    expect(incident.anomalies?.some((a) => a.labels.pod === OTHER && a.direction === 'up')).toBe(false);
    expect(incident.rca?.candidates[0]?.resource.name).toBe(POD);
    expect((await api(`/api/v1/incidents/${id}/report`)).status).toBe(200);
  });

  it('answers POST /api/v1/rca with anomalies and candidates, and 400s that name the problem', async () => {
    const post = (body: unknown) =>
      api('/api/v1/rca', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const window = { start_time: at(0) / 1000, end_time: at(POINTS - 1) / 1000 };
    const res = await post({ ...window, metrics: ['cpu'], namespace: 'shop' });
    expect(res.status).toBe(200);
    const data = RcaDataSchema.parse(((await res.json()) as { data: unknown }).data);
    expect(data.anomalies.some((a) => a.labels.pod === POD && a.direction === 'up')).toBe(true);
    expect(data.root_cause_candidates[0]?.resource.name).toBe(POD);

    const badPromql = await post({ ...window, metrics: ['sum(rate(container_cpu_usage_seconds_total[5m]'] });
    expect(badPromql.status).toBe(400);
    const refusal = (await badPromql.json()) as { message: string; data: { errors: { field: string }[] } };
    expect(refusal.message).toMatch(/^metrics\.0: invalid PromQL ".*": .*parse error/);
    expect(refusal.data.errors[0]?.field).toBe('metrics.0');
    const backwards = await post({
      start_time: window.end_time,
      end_time: window.start_time,
      metrics: ['cpu'],
    });
    expect(((await backwards.json()) as { message: string }).message).toBe(
      'end_time: must be after start_time',
    );
    const tooLong = await post({
      start_time: window.start_time,
      end_time: window.start_time + 3 * 86400,
      metrics: ['cpu'],
    });
    expect(tooLong.status).toBe(400);
    const noMetrics = await post({ ...window, metrics: [] });
    expect(((await noMetrics.json()) as { message: string }).message).toMatch(/^metrics: /);
  });
});
