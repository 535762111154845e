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

  it('records alerts, resolves when none fires, then opens a new incident for the key', async () => {
    const first = await store.recordAlerts(draft(), [alert('a', 'firing'), alert('b', 'firing')]);
    expect(first).toMatchObject({ created: true, pipeline: 'pending', status: 'open', resolvedNow: false });
    const repeat = await store.recordAlerts(draft(), [alert('a', 'firing')]);
    expect(repeat).toMatchObject({ id: first?.id, created: false, resolvedNow: false });
    const partly = await store.recordAlerts(draft(), [alert('a', 'resolved')]);
    expect(partly).toMatchObject({ id: first?.id, resolvedNow: false, status: 'open' });
    const all = await store.recordAlerts(draft(), [alert('a', 'resolved'), alert('b', 'resolved')]);
    expect(all).toMatchObject({ id: first?.id, resolvedNow: true, status: 'resolved' });
    const again = await store.recordAlerts(draft(), [alert('b', 'resolved')]);
    expect(again).toMatchObject({ id: first?.id, resolvedNow: false, status: 'resolved' });
    const timeline = (await store.get(first!.id))?.timeline.map((t) => t.event);
    expect(timeline).toEqual(['created', 'repeated', 'resolved']);
    const next = await store.recordAlerts(draft(), [alert('a', 'firing')], new Date(Date.now() + 1000));
    expect(next).toMatchObject({ created: true });
    expect(next?.id).not.toBe(first?.id);
    expect(await store.lastForKey('k1')).toBe(next?.id);
    await deletePrefix(redis, prefix);
  });

  it('ignores a resolution for an incident never seen firing', async () => {
    expect(await store.recordAlerts(draft('unknown'), [alert('z', 'resolved')])).toBeNull();
  });

  it('opens one incident when many webhooks of one group arrive at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.recordAlerts(draft('burst'), [alert(`f${i % 3}`, 'firing')]),
      ),
    );
    expect(results.filter((r) => r?.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r?.id)).size).toBe(1);
    expect(await store.alerts(results[0]!.id)).toHaveLength(3);
    await deletePrefix(redis, prefix);
  });

  it('raises the severity when a worse alert joins', async () => {
    const first = await store.recordAlerts(draft('sev'), [alert('a', 'firing')]);
    await store.recordAlerts({ ...draft('sev'), severity: 'critical' }, [alert('b', 'firing')]);
    expect((await store.get(first!.id))?.severity).toBe('critical');
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
