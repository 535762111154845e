import { type Incident, PredictDataSchema, TrendDataSchema } from '@aiops/contracts';
import { createRedis } from '@aiops/runtime';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { waitFor } from '@aiops/testkit/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPipeline, startPipeline } from '../support/pipeline-processes';
import { type ServiceProcess, serviceEntry, startServiceProcess } from '../support/service-process';

const TAXI = new URL('../../../shared/data/nab/data/realKnownCause/nyc_taxi.csv', import.meta.url).pathname;
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = testPrefix('predict');
let pipeline: RunningPipeline;
let scheduler: ServiceProcess;

beforeAll(async () => {
  // nginx-deployment runs 3 replicas; the taxi demand at 2,000 qps per instance needs more or fewer.
  pipeline = await startPipeline({ QUEUE_PREFIX: prefix }, ['nginx-deployment']);
  scheduler = startServiceProcess(serviceEntry('scheduler'), {
    ...pipeline.env,
    PREDICTION_HISTORY_CSV: TAXI,
    PREDICTION_QPS_PER_INSTANCE: '2000',
    PREDICTION_TARGET: 'default/nginx-deployment',
  });
  await scheduler.waitForLine(/prediction refreshed/, 60_000);
}, 120_000);
afterAll(async () => {
  await scheduler?.stop();
  await pipeline?.stop();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const api = (path: string, init?: RequestInit) => fetch(`${pipeline.url}${path}`, init);
const post = (body: unknown) =>
  api('/api/v1/predict', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('load prediction through the scheduler', () => {
  it('answers GET /api/v1/predict with the seed fields', async () => {
    const res = await api('/api/v1/predict');
    expect(res.status).toBe(200);
    const { code, data } = (await res.json()) as { code: number; data: unknown };
    expect(code).toBe(0);
    const prediction = PredictDataSchema.parse(data);
    expect(prediction.instances).toBeGreaterThanOrEqual(1);
    expect(prediction.instances).toBeLessThanOrEqual(20);
    expect(prediction.confidence).toBeGreaterThan(0.5);
  });

  it('answers POST with a current rate, and refuses bad input with 400 naming the field', async () => {
    const now = Math.floor(Date.now() / 1000);
    const low = PredictDataSchema.parse(
      ((await (await post({ current_qps: 2000, timestamp: now })).json()) as { data: unknown }).data,
    );
    const high = PredictDataSchema.parse(
      ((await (await post({ current_qps: 30000, timestamp: now })).json()) as { data: unknown }).data,
    );
    expect(high.instances).toBeGreaterThan(low.instances);
    const negative = await post({ current_qps: -5 });
    expect(negative.status).toBe(400);
    expect(((await negative.json()) as { message: string }).message).toMatch(/^current_qps: /);
    const badTime = await post({ current_qps: 10, timestamp: 'yesterday' });
    expect(badTime.status).toBe(400);
    expect(((await badTime.json()) as { message: string }).message).toMatch(/^timestamp/);
    // Refused by the scheduler (only it knows the span): the field comes back as with the ingress's own 400s.
    const outside = await post({ current_qps: 10, timestamp: 1_000_000_000 });
    expect(outside.status).toBe(400);
    expect(((await outside.json()) as { data: unknown }).data).toEqual({
      errors: [{ field: 'timestamp', message: expect.stringMatching(/the span the model knows$/) }],
    });
  });

  it('gives a 24 h trend with intervals, and 400 for too long a horizon', async () => {
    const res = await api('/api/v1/predict/trend?hours=24&step_minutes=60');
    const trend = TrendDataSchema.parse(((await res.json()) as { data: unknown }).data);
    expect(trend.points).toHaveLength(24);
    expect(trend.points.every((p) => p.lower <= p.qps && p.qps <= p.upper)).toBe(true);
    const tooLong = await api('/api/v1/predict/trend?hours=1000');
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { message: string }).message).toMatch(/^hours: /);
    for (const [query, message] of [
      ['hours=1&step_minutes=1440', /^step_minutes: must not exceed the horizon/],
      ['hours=0x10', /^hours: must be a decimal number/],
    ] as const) {
      const bad = await api(`/api/v1/predict/trend?${query}`);
      expect(bad.status, query).toBe(400);
      expect(((await bad.json()) as { message: string }).message, query).toMatch(message);
    }
  });

  it('raises a capacity incident through the pipeline when the recommendation differs from what runs', async () => {
    const current = PredictDataSchema.parse(
      ((await (await api('/api/v1/predict')).json()) as { data: unknown }).data,
    );
    const list = async () =>
      (
        (await (await api('/api/v1/incidents')).json()) as {
          data: { incidents: { id: string; title: string }[] };
        }
      ).data.incidents;
    if (current.instances === 3) {
      expect(await list()).toEqual([]);
      return;
    }
    const summary = await waitFor(
      async () => (await list()).find((i) => i.title.startsWith('CapacityMismatch')),
      {
        timeoutMs: 30_000,
      },
    );
    const incident = await waitFor(
      async () => {
        const i = ((await (await api(`/api/v1/incidents/${summary.id}`)).json()) as { data: Incident }).data;
        return i.stages.notify?.state === 'done' ? i : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(incident.source).toBe('capacity');
    expect(incident.alerts[0]?.annotations.summary).toBe(
      `${current.instances} instances recommended, 3 running`,
    );
    expect(pipeline.feishu.received.some((m) => JSON.stringify(m.body).includes(summary.id))).toBe(true);
  });
});
