import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedis } from '@aiops/runtime';
import { freePort } from '@aiops/testkit/free-port';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedModules } from '../src/modules';
import { type RunningIngress, startIngress } from '../src/server';
import { API_TOKEN, ingressTestEnv } from './support/ingress-env';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = testPrefix('cluster-down');
const dir = mkdtempSync(join(tmpdir(), 'aiops-cluster-down-'));
let ingress: RunningIngress;

beforeAll(async () => {
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'down', cluster: { server: `http://127.0.0.1:${await freePort()}` } }],
      users: [{ name: 'u', user: { token: 'unused' } }],
      contexts: [{ name: 'down', context: { cluster: 'down', user: 'u' } }],
      'current-context': 'down',
    }),
  );
  ingress = await startIngress({
    env: ingressTestEnv({ QUEUE_PREFIX: prefix, KUBECONFIG: kubeconfig }),
    modules: seedModules,
  });
});

afterAll(async () => {
  await ingress.stop();
  await deletePrefix(redis, prefix);
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

const call = async (path: string, body: unknown) => {
  const res = await fetch(`${ingress.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_TOKEN}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { code: number; message: string } };
};

describe('the autofix API with the cluster unreachable', () => {
  it('answers 503 saying so, never "not found" or "healthy"', async () => {
    const fix = await call('/api/v1/autofix', { namespace: 'default', deployment: 'web' });
    expect(fix.status).toBe(503);
    expect(fix.body).toMatchObject({ code: 503, message: expect.stringMatching(/^cluster unavailable: /) });
    for (const body of [{ namespace: 'default' }, { namespace: 'default', deployment: 'web' }]) {
      const diagnose = await call('/api/v1/autofix/diagnose', body);
      expect(diagnose.status, JSON.stringify(body)).toBe(503);
      expect(diagnose.body.message).toMatch(/^cluster unavailable: /);
    }
    expect(await ingress.context.queues.fix.getJobCountByTypes('waiting', 'active', 'delayed')).toBe(0);
  });
});
