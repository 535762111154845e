import { createRedis } from '@aiops/runtime';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedModules } from '../src/modules';
import { type RunningIngress, startIngress } from '../src/server';
import { API_TOKEN, ingressTestEnv } from './support/ingress-env';

const READ_TOKEN = 'read-token-for-tests-0001';
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = testPrefix('read-token');
let ingress: RunningIngress;

beforeAll(async () => {
  ingress = await startIngress({
    env: ingressTestEnv({ QUEUE_PREFIX: prefix, READ_TOKEN, K8S_CONFIG_PATH: '/nonexistent/kubeconfig' }),
    modules: seedModules,
  });
});

afterAll(async () => {
  await ingress.stop();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const get = (path: string, token?: string) =>
  fetch(`${ingress.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('with READ_TOKEN set', () => {
  it('the endpoints that read need it, or the API token', async () => {
    for (const path of ['/api/v1/incidents', '/api/v1/incidents/abc', '/api/v1/predict/trend']) {
      expect((await get(path)).status, path).toBe(401);
      expect((await get(path, 'not-the-read-token-at-all')).status, path).toBe(401);
    }
    expect((await get('/api/v1/incidents', READ_TOKEN)).status).toBe(200);
    expect((await get('/api/v1/incidents', API_TOKEN)).status).toBe(200);
    expect((await get('/api/v1/incidents/abc', READ_TOKEN)).status).toBe(404);
  });

  it('leaves health, metrics and the docs open, and documents which reads need it', async () => {
    expect((await get('/api/v1/health')).status).toBe(200);
    expect((await get('/metrics')).status).toBe(200);
    const doc = (await (await get('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(doc.paths['/api/v1/incidents']!.get!.security).toEqual([{ readBearer: [] }, { apiBearer: [] }]);
    expect(doc.paths['/api/v1/health']!.get!.security).toBeUndefined();
  });
});
