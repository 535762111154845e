import { createRedis } from '@aiops/runtime';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedModules } from '../src/modules';
import { type RunningIngress, startIngress } from '../src/server';
import { API_TOKEN, ingressTestEnv } from './support/ingress-env';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = testPrefix('no-worker');
let ingress: RunningIngress;

beforeAll(async () => {
  ingress = await startIngress({
    // No cluster either: its routes answer 503 yet stay documented.
    env: ingressTestEnv({ QUEUE_PREFIX: prefix, K8S_CONFIG_PATH: '/nonexistent/kubeconfig' }),
    modules: seedModules,
  });
});

afterAll(async () => {
  await ingress.stop();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('questions for a worker that is not running', () => {
  it('answer 503 at once, naming the service to start, and leave no question queued', async () => {
    const predict = await fetch(`${ingress.url}/api/v1/predict`);
    const rca = await fetch(`${ingress.url}/api/v1/rca`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ start_time: 1_764_400_000, end_time: 1_764_401_800, metrics: ['up'] }),
    });
    expect(predict.status).toBe(503);
    expect(((await predict.json()) as { message: string }).message).toBe(
      'no forecast worker is running: start the scheduler service',
    );
    expect(rca.status).toBe(503);
    expect(((await rca.json()) as { message: string }).message).toBe(
      'no rca worker is running: start the analyzer service',
    );
    const { forecast, rca: rcaQueue } = ingress.context.queues;
    expect(await forecast.getJobCountByTypes('waiting', 'delayed')).toBe(0);
    expect(await rcaQueue.getJobCountByTypes('waiting', 'delayed')).toBe(0);
  });

  it('refuse a workflow with 503, naming the planner, and open no incident', async () => {
    const workflow = await fetch(`${ingress.url}/api/v1/autofix/workflow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_TOKEN}` },
      body: JSON.stringify({ problem_description: 'checkout pods keep restarting', namespace: 'shop' }),
    });
    expect(workflow.status).toBe(503);
    expect(((await workflow.json()) as { message: string }).message).toBe(
      'no plan worker is running: start the planner service',
    );
    expect(await ingress.context.queues.plan.getJobCountByTypes('waiting', 'delayed')).toBe(0);
    const list = (await (await fetch(`${ingress.url}/api/v1/incidents`)).json()) as {
      data: { incidents: unknown[] };
    };
    expect(list.data.incidents).toEqual([]);
  });
});

describe('the autofix API without a cluster', () => {
  it('answers 503 saying what to set, and stays in the API docs', async () => {
    const autofix = await fetch(`${ingress.url}/api/v1/autofix/health`);
    expect(autofix.status).toBe(503);
    expect(((await autofix.json()) as { message: string }).message).toMatch(/kubeconfig/);
    const doc = (await (await fetch(`${ingress.url}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/autofix', '/api/v1/autofix/diagnose', '/api/v1/autofix/health']),
    );
  });
});

describe('API bodies other than the webhook', () => {
  it('are refused with 413 beyond API_MAX_BYTES (256 KiB), before anything reads them', async () => {
    const padding = 'x'.repeat(300 * 1024);
    const res = await fetch(`${ingress.url}/api/v1/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ current_qps: 100, timestamp: 1_764_400_000, padding }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toBe('body larger than 262144 bytes');
  });
});
