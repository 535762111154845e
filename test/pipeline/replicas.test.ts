import { createQueues, createRedis, IncidentStore, startPipeline } from '@aiops/runtime';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { waitFor } from '@aiops/testkit/wait-for';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO, type ServiceProcess, serviceEntry, startServiceProcess } from '../support/service-process';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = createRedis(REDIS_URL, 'worker');
let prefix: string;
let processes: ServiceProcess[] = [];

afterEach(async () => {
  await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  processes = [];
  await deletePrefix(redis, prefix);
});

async function openIncidents(
  n: number,
): Promise<{ ids: string[]; store: IncidentStore; close(): Promise<void> }> {
  const queues = createQueues(redis, { prefix, attempts: 3, backoffMs: 100 });
  const store = new IncidentStore(redis, prefix);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await store.open({
      key: `key-${i}`,
      source: 'alertmanager',
      groupKey: `group-${i}`,
      title: `incident ${i}`,
      severity: 'warning',
      target: { kind: 'deployment', namespace: 'default', name: `app-${i}` },
    });
    await startPipeline(id, store, queues);
    ids.push(id);
  }
  return {
    ids,
    store,
    close: async () => void (await Promise.all(Object.values(queues).map((q) => q.close()))),
  };
}

const detectEntries = async (store: IncidentStore, id: string, event: 'started' | 'completed') =>
  ((await store.get(id))?.timeline ?? []).filter((t) => t.stage === 'detect' && t.event === event);

describe('stage replicas as separate OS processes', () => {
  it('two detector replicas share 200 incidents, each processed exactly once', async () => {
    prefix = testPrefix('replicas');
    const env = { QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn', WORKER_CONCURRENCY: '4' };
    processes = [
      startServiceProcess(serviceEntry('detector'), env),
      startServiceProcess(serviceEntry('detector'), env),
    ];
    const { ids, store, close } = await openIncidents(200);
    await waitFor(
      async () => {
        const counts = await Promise.all(
          ids.map(async (id) => (await store.get(id))?.stages.detect?.state === 'done'),
        );
        return counts.every(Boolean);
      },
      { timeoutMs: 60_000, intervalMs: 250, what: '200 incidents through detect' },
    );
    const workers = new Set<string>();
    for (const id of ids) {
      const completed = await detectEntries(store, id, 'completed');
      expect(completed, id).toHaveLength(1);
      workers.add(completed[0]!.worker!);
    }
    expect([...workers].map((w) => Number(w.split(':')[1])).sort()).toEqual(
      processes.map((p) => p.pid).sort(),
    );
    await close();
  });

  it('a replica killed with SIGKILL in the middle of a job loses nothing: the other finishes it, once', async () => {
    prefix = testPrefix('sigkill');
    const fixture = `${REPO}test/fixtures/slow-detect-stage.ts`;
    const env = { QUEUE_PREFIX: prefix, LOG_LEVEL: 'info', WORKER_LOCK_MS: '1500', SLOW_STAGE_MS: '2500' };
    processes = [startServiceProcess(fixture, env), startServiceProcess(fixture, env)];
    await Promise.all(processes.map((p) => p.waitForLine(/detect stage started/)));
    const { ids, store, close } = await openIncidents(1);
    const id = ids[0]!;
    const started = await waitFor(async () => (await detectEntries(store, id, 'started'))[0]);
    const busy = processes.find((p) => started.worker === `${started.worker!.split(':')[0]}:${p.pid}`)!;
    const other = processes.find((p) => p !== busy)!;
    await busy.stop('SIGKILL');
    const completed = await waitFor(
      async () => {
        const entries = await detectEntries(store, id, 'completed');
        return entries.length > 0 ? entries : undefined;
      },
      { timeoutMs: 30_000, what: 'the job to be taken over' },
    );
    await new Promise((r) => setTimeout(r, 3000));
    expect(await detectEntries(store, id, 'completed')).toHaveLength(1);
    expect(completed[0]!.worker).toMatch(new RegExp(`:${other.pid}$`));
    expect(completed[0]!.message).toBe(`slow detect done by ${other.pid}`);
    expect((await store.get(id))?.stages.detect?.state).toBe('done');
    await close();
  });

  it('a replica sent SIGTERM finishes its job in flight, then exits', async () => {
    prefix = testPrefix('sigterm');
    const fixture = `${REPO}test/fixtures/slow-detect-stage.ts`;
    const replica = startServiceProcess(fixture, {
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'info',
      SLOW_STAGE_MS: '1500',
    });
    processes = [replica];
    await replica.waitForLine(/detect stage started/);
    const { ids, store, close } = await openIncidents(1);
    await waitFor(async () => (await detectEntries(store, ids[0]!, 'started'))[0]);
    const exitCode = await replica.stop('SIGTERM');
    expect(exitCode).toBe(0);
    const completed = await detectEntries(store, ids[0]!, 'completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]!.worker).toMatch(new RegExp(`:${replica.pid}$`));
    expect(replica.lines.some((l) => l.includes('shut down cleanly'))).toBe(true);
    await close();
  });
});
