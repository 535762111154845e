import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { IncidentStore, type NewIncident } from '../src/incidents/incident-store';
import { createRedis } from '../src/redis';

const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
let prefix: string;
let store: IncidentStore;

const draft = (key = 'k1'): NewIncident => ({
  key,
  source: 'alertmanager',
  groupKey: '{}:{alertname="X"}',
  title: 'X on deployment shop/api',
  severity: 'warning',
  target: { kind: 'deployment', namespace: 'shop', name: 'api' },
});

const alert = (fingerprint: string, status: 'firing' | 'resolved') => ({
  status,
  labels: { alertname: 'X' },
  annotations: {},
  startsAt: '2026-11-28T10:00:00Z',
  endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-11-28T10:10:00Z',
  generatorURL: '',
  fingerprint,
});

beforeEach(() => {
  prefix = testPrefix('store');
  store = new IncidentStore(redis, prefix);
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('IncidentStore', () => {
  it('opens one incident per key, even when many open it at once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => store.open(draft())));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const incident = await store.get(results[0]!.id);
    expect(incident?.status).toBe('open');
    expect(incident?.timeline.map((t) => t.event)).toEqual(['created']);
    await deletePrefix(redis, prefix);
  });

  it('opens a new incident for the key once the last one resolved', async () => {
    const first = await store.open(draft());
    await store.upsertAlerts(first.id, [alert('f1', 'resolved')]);
    expect(await store.resolve(first.id, 'k1')).toBe(true);
    expect(await store.resolve(first.id, 'k1')).toBe(false);
    expect((await store.get(first.id))?.status).toBe('resolved');
    const second = await store.open(draft(), new Date(Date.now() + 1000));
    expect(second.created).toBe(true);
    expect(second.id).not.toBe(first.id);
    expect(await store.lastForKey('k1')).toBe(second.id);
    await deletePrefix(redis, prefix);
  });

  it('counts new and changed alerts only', async () => {
    const { id } = await store.open(draft());
    expect(await store.upsertAlerts(id, [alert('a', 'firing'), alert('b', 'firing')])).toBe(2);
    expect(await store.upsertAlerts(id, [alert('a', 'firing'), alert('b', 'firing')])).toBe(0);
    expect(await store.upsertAlerts(id, [alert('a', 'resolved')])).toBe(1);
    expect((await store.alerts(id)).map((a) => [a.fingerprint, a.status])).toEqual(
      expect.arrayContaining([
        ['a', 'resolved'],
        ['b', 'firing'],
      ]),
    );
    await deletePrefix(redis, prefix);
  });

  it('keeps each stage slot apart and lists newest first with a status filter', async () => {
    const a = await store.open(draft('a'), new Date(1_000_000));
    const b = await store.open(draft('b'), new Date(2_000_000));
    await store.recordStage(
      a.id,
      'detect',
      { state: 'done', attempts: 1 },
      { status: 'detected', slots: { anomalies: [] } },
    );
    await store.setSlots(a.id, { plan: { source: 'deterministic', summary: 'nothing to do', steps: [] } });
    const incident = await store.get(a.id);
    expect(incident?.anomalies).toEqual([]);
    expect(incident?.plan?.summary).toBe('nothing to do');
    expect(incident?.stages.detect?.state).toBe('done');
    expect((await store.list({ limit: 10 })).map((s) => s.id)).toEqual([b.id, a.id]);
    expect((await store.list({ limit: 10, status: 'detected' })).map((s) => s.id)).toEqual([a.id]);
    await deletePrefix(redis, prefix);
  });
});
