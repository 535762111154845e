import { createRedis } from '@aiops/runtime';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedModules } from '../src/modules';
import { type RunningIngress, startIngress } from '../src/server';
import { ingressTestEnv } from './support/ingress-env';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = testPrefix('no-worker');
let ingress: RunningIngress;

beforeAll(async () => {
  ingress = await startIngress({
    env: ingressTestEnv({ QUEUE_PREFIX: prefix }),
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
});
