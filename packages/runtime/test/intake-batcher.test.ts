import type { Alert, AlertmanagerWebhook } from '@aiops/contracts';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncidentStore } from '../src/incidents/incident-store';
import { IntakeBatcher } from '../src/incidents/intake-batcher';
import { closeQueues, createQueues, type Queues } from '../src/queues';
import { createRedis, type Redis, redisReady } from '../src/redis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let prefix: string;
let redis: Redis;
let queues: Queues;
let store: IncidentStore;

beforeEach(async () => {
  prefix = testPrefix('batch');
  redis = createRedis(REDIS_URL, 'producer');
  await redisReady(redis);
  queues = createQueues(redis, { prefix, attempts: 2, backoffMs: 10 });
  store = new IncidentStore(redis, prefix);
});

afterEach(async () => {
  await closeQueues(queues);
  const cleaner = createRedis(REDIS_URL, 'worker');
  await deletePrefix(cleaner, prefix);
  cleaner.disconnect();
  redis.disconnect();
});

const alert = (deployment: string, fingerprint: string, status: Alert['status']): Alert => ({
  status,
  labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', deployment, severity: 'warning' },
  annotations: {},
  startsAt: '2026-11-29T10:00:00Z',
  endsAt: status === 'firing' ? '0001-01-01T00:00:00Z' : '2026-11-29T10:05:00Z',
  generatorURL: '',
  fingerprint,
});

const webhook = (alerts: Alert[]): AlertmanagerWebhook => ({
  version: '4',
  groupKey: '{}:{alertname="KubePodCrashLooping"}',
  truncatedAlerts: 0,
  status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
  receiver: 'aiops',
  groupLabels: { alertname: 'KubePodCrashLooping' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts,
});

describe('IntakeBatcher', () => {
  it('takes webhooks that arrive together through one intake, each answered with its own incidents', async () => {
    const intake = new IntakeBatcher(store, queues);
    const [first, repeat, twoTargets, unknownResolution] = await Promise.all([
      intake.submit(webhook([alert('api', 'a1', 'firing')])),
      intake.submit(webhook([alert('api', 'a1', 'firing')])),
      intake.submit(webhook([alert('web', 'w1', 'firing'), alert('db', 'd1', 'firing')])),
      intake.submit(webhook([alert('ghost', 'g1', 'resolved')])),
    ]);
    expect(first).toEqual([expect.objectContaining({ created: true, status: 'open' })]);
    expect(repeat).toEqual([{ id: first?.[0]?.id, created: false, status: 'open' }]);
    expect(twoTargets?.map((i) => i.created)).toEqual([true, true]);
    expect(unknownResolution).toEqual([]);
    // One pipeline start per incident, whatever the number of webhooks.
    expect(await queues.detect.getWaitingCount()).toBe(3);
    const timeline = (await store.get(first![0]!.id))?.timeline.map((t) => t.event);
    expect(timeline).toEqual(['created', 'repeated']);
  });

  it('keeps two episodes of one group in one batch apart, and queues the resolution notice', async () => {
    const intake = new IntakeBatcher(store, queues);
    const [opened, resolved, reopened] = await Promise.all([
      intake.submit(webhook([alert('api', 'a1', 'firing')])),
      intake.submit(webhook([alert('api', 'a1', 'resolved')])),
      intake.submit(webhook([alert('api', 'a1', 'firing')])),
    ]);
    expect(resolved).toEqual([{ id: opened?.[0]?.id, created: false, status: 'resolved' }]);
    expect(reopened?.[0]).toMatchObject({ created: true, status: 'open' });
    expect(reopened?.[0]?.id).not.toBe(opened?.[0]?.id);
    expect((await store.get(opened![0]!.id))?.status).toBe('resolved');
    expect((await store.get(reopened![0]!.id))?.status).toBe('open');
    expect(await queues.notify.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('fails every webhook of a batch that could not be stored, and stores none of them', async () => {
    const intake = new IntakeBatcher(store, queues);
    redis.disconnect();
    const results = await Promise.allSettled([
      intake.submit(webhook([alert('api', 'a1', 'firing')])),
      intake.submit(webhook([alert('web', 'w1', 'firing')])),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const reader = createRedis(REDIS_URL, 'worker');
    expect(await reader.keys(`${prefix}:*`)).toEqual([]);
    reader.disconnect();
  });

  it('notes on the incident how many alerts Alertmanager left out of a truncated notification', async () => {
    const intake = new IntakeBatcher(store, queues);
    const [whole, truncated] = await Promise.all([
      intake.submit(webhook([alert('api', 'a1', 'firing')])),
      intake.submit({ ...webhook([alert('web', 'w1', 'firing')]), truncatedAlerts: 7 }),
    ]);
    const eventsOf = async (id: string) => (await store.get(id))?.timeline ?? [];
    expect((await eventsOf(whole![0]!.id)).map((t) => t.event)).toEqual(['created']);
    const notes = async () =>
      (await eventsOf(truncated![0]!.id)).filter((t) => t.event === 'alerts-truncated').map((t) => t.message);
    expect(await notes()).toEqual([
      expect.stringMatching(/^Alertmanager left 7 more alerts of group .* \(max_alerts\)/),
    ]);
    // Alertmanager's repeat of the same notification notes nothing new; a different count does.
    await intake.submit({ ...webhook([alert('web', 'w1', 'firing')]), truncatedAlerts: 7 });
    expect(await notes()).toHaveLength(1);
    await intake.submit({ ...webhook([alert('web', 'w1', 'firing')]), truncatedAlerts: 9 });
    expect((await notes())[1]).toMatch(/^Alertmanager left 9 more alerts/);
  });
});
