import type { ActionRecord } from '@aiops/contracts';
import { createRedis } from '@aiops/runtime';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../src/audit';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = testPrefix('audit-filter');
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const action = (namespace: string, name: string, id: string): ActionRecord => ({
  id,
  at: '2026-11-29T12:00:00Z',
  actor: 'api',
  reason: 'test',
  kind: 'patch',
  target: { kind: 'Deployment', namespace, name },
  changes: [],
  dryRun: null,
  outcome: 'skipped',
  detail: '',
});

describe('the audit log', () => {
  it('filters by namespace, by deployment, or both, newest first', async () => {
    const audit = new AuditLog(redis, prefix);
    await audit.record(action('shop', 'api', 'a1'));
    await audit.record(action('shop', 'cart', 'a2'));
    await audit.record(action('billing', 'api', 'a3'));
    const ids = async (filter: { namespace?: string; deployment?: string }) =>
      (await audit.list({ ...filter, limit: 50 })).map((a) => a.id);
    expect(await ids({})).toEqual(['a3', 'a2', 'a1']);
    expect(await ids({ namespace: 'shop' })).toEqual(['a2', 'a1']);
    expect(await ids({ deployment: 'api' })).toEqual(['a3', 'a1']);
    expect(await ids({ namespace: 'shop', deployment: 'api' })).toEqual(['a1']);
  });
});
