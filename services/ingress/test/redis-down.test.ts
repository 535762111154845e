import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { freePort } from '@aiops/testkit/free-port';
import { waitFor } from '@aiops/testkit/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningIngress, startIngress } from '../src/server';
import { ingressTestEnv, WEBHOOK_TOKEN as TOKEN } from './support/ingress-env';

const SHARED = new URL('../../../../shared/alerts/', import.meta.url);
let port: number;
let redis: ChildProcess | undefined;
let ingress: RunningIngress;

/** A Redis of this test's own, so it can be stopped and started again (nothing saved to disk). */
async function startRedis(): Promise<void> {
  redis = spawn('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  const lines: string[] = [];
  redis.stdout!.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  await waitFor(() => lines.join('').includes('Ready to accept connections'), {
    timeoutMs: 10_000,
    what: 'a test Redis',
  });
}

const redisRunning = () => redis !== undefined && redis.exitCode === null && redis.signalCode === null;

async function stopRedis(): Promise<void> {
  if (!redis || !redisRunning()) return;
  const exited = once(redis, 'exit');
  redis.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  ingress = await startIngress({
    env: ingressTestEnv({ REDIS_URL: `redis://127.0.0.1:${port}` }),
  });
}, 30_000);

afterAll(async () => {
  // The ingress closes its queues through Redis.
  if (!redisRunning()) await startRedis();
  await ingress?.stop();
  await stopRedis();
});

const post = (file: string) =>
  fetch(`${ingress.url}/api/v1/alerts/alertmanager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: readFileSync(new URL(file, SHARED)),
  });

describe('the webhook while Redis is away', () => {
  it('answers 503 so Alertmanager retries, and takes the retry once Redis is back', async () => {
    expect((await post('crashloop-firing.json')).status).toBe(202);
    await stopRedis();

    const refused = await post('high-cpu-critical.json');
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { message: string }).message).toMatch(/Redis unavailable.*retry/);
    expect((await fetch(`${ingress.url}/api/v1/health`)).status).toBe(503);

    await startRedis();
    // Alertmanager's retry: accepted once the client has reconnected, as a new incident (the restarted Redis
    // is empty here; a real one keeps its data).
    let retried: Response | undefined;
    await waitFor(
      async () => {
        retried = await post('high-cpu-critical.json');
        return retried.status === 202;
      },
      { timeoutMs: 15_000, what: 'the webhook accepted after Redis restarts' },
    );
    const body = (await retried!.json()) as { data: { incidents: { created: boolean }[] } };
    expect(body.data.incidents).toEqual([expect.objectContaining({ created: true })]);
    expect(await ingress.context.queues.detect.getWaitingCount()).toBe(1);
  }, 40_000);
});
