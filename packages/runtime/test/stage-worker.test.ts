import { STAGES, type StageName } from '@aiops/contracts';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { waitFor } from '@aiops/testkit/wait-for';
import { UnrecoverableError, type Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncidentStore } from '../src/incidents/incident-store';
import { startPipeline } from '../src/incidents/intake';
import { createLogger } from '../src/logger';
import { PipelineMetrics } from '../src/pipeline-metrics';
import { closeQueues, createQueues, type Queues } from '../src/queues';
import { createRedis, type Redis } from '../src/redis';
import { type StageHandler, startStageWorker } from '../src/stage-worker';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = createLogger('test', 'silent');

let prefix: string;
let redis: Redis;
let queues: Queues;
let store: IncidentStore;
let metrics: PipelineMetrics;
let workers: Worker[];

beforeEach(async () => {
  prefix = testPrefix('stage');
  redis = createRedis(REDIS_URL, 'worker');
  queues = createQueues(redis, { prefix, attempts: 2, backoffMs: 10 });
  store = new IncidentStore(redis, prefix);
  metrics = new PipelineMetrics(redis, prefix);
  workers = [];
});

afterEach(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await closeQueues(queues);
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

function runStages(handlers: Partial<Record<StageName, StageHandler>>): void {
  for (const stage of STAGES) {
    const handler: StageHandler =
      handlers[stage] ??
      (async () => ({
        message: `${stage} ok`,
        status: stage === 'notify' ? ('notified' as const) : undefined,
      }));
    workers.push(
      startStageWorker({
        stage,
        handler,
        redisUrl: REDIS_URL,
        prefix,
        concurrency: 2,
        lockDurationMs: 5000,
        store,
        queues,
        metrics,
        log,
      }),
    );
  }
}

async function newIncident(key = 'k'): Promise<string> {
  const { id } = await store.open({
    key,
    source: 'alertmanager',
    groupKey: 'g',
    title: 't',
    severity: 'warning',
    target: { kind: 'cluster' },
  });
  await startPipeline(id, store, queues);
  return id;
}

const finished = (id: string) =>
  waitFor(
    async () => {
      const incident = await store.get(id);
      const notify = incident?.stages.notify?.state;
      return notify === 'done' || notify === 'failed' ? incident : undefined;
    },
    { what: `incident ${id} to reach notify` },
  );

describe('stage worker', () => {
  it('moves an incident through every stage in order, recording each in the timeline', async () => {
    runStages({ fix: async () => ({ message: 'fixed it', status: 'fixed' }) });
    const id = await newIncident();
    const incident = await finished(id);
    const completed = incident.timeline.filter((t) => t.event === 'completed');
    expect(completed.map((t) => t.stage)).toEqual([...STAGES]);
    expect(completed.every((t) => typeof t.durationMs === 'number')).toBe(true);
    expect(incident.status).toBe('notified');
    expect(incident.outcome).toBe('fixed');
    expect(incident.stages.fix).toMatchObject({ state: 'done', attempts: 1, next: 'notify' });
    const text = await metrics.render();
    expect(text).toMatch(/aiops_jobs_completed_total\{queue="fix"\} 1/);
    expect(text).toMatch(/aiops_stage_duration_seconds_count\{stage="detect"\} 1/);
  });

  it('retries with back-off, then marks the stage failed and still notifies', async () => {
    let calls = 0;
    runStages({
      analyze: async () => {
        calls += 1;
        throw new Error('analysis backend down');
      },
    });
    const id = await newIncident();
    const incident = await finished(id);
    expect(calls).toBe(2);
    expect(incident.stages.analyze).toMatchObject({
      state: 'failed',
      attempts: 2,
      error: 'analysis backend down',
    });
    expect(incident.stages.plan).toBeUndefined();
    expect(incident.stages.notify?.state).toBe('done');
    expect(incident.status).toBe('notified');
    expect(incident.outcome).toBe('failed');
    const events = incident.timeline.filter((t) => t.stage === 'analyze').map((t) => t.event);
    expect(events).toEqual(['started', 'retrying', 'started', 'failed']);
    const failed = await queues.analyze.getFailed();
    expect(failed).toHaveLength(1);
    expect(failed[0]?.failedReason).toBe('analysis backend down');
    expect(await metrics.render()).toMatch(/aiops_jobs_failed_total\{queue="analyze"\} 1/);
  });

  it('does not retry an unrecoverable error', async () => {
    let calls = 0;
    runStages({
      detect: async () => {
        calls += 1;
        throw new UnrecoverableError('target cannot be analysed');
      },
    });
    const incident = await finished(await newIncident());
    expect(calls).toBe(1);
    expect(incident.stages.detect).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('fails a poisoned job alone, with its reason, and goes on with the others', async () => {
    runStages({});
    await queues.detect.add('detect', { incidentId: 42 }, { jobId: 'poison-1' });
    await queues.detect.add('detect', { incidentId: 'inc-missing', runId: 'r1' }, { jobId: 'poison-2' });
    const id = await newIncident();
    await finished(id);
    const failed = await waitFor(async () => {
      const jobs = await queues.detect.getFailed();
      return jobs.length === 2 ? jobs : undefined;
    });
    const reasons = Object.fromEntries(failed.map((j) => [j.id, j.failedReason]));
    expect(reasons['poison-1']).toMatch(/invalid job payload/);
    expect(reasons['poison-2']).toMatch(/incident inc-missing does not exist/);
    expect(failed.every((j) => j.attemptsMade === 1)).toBe(true);
  });

  it('ends the pipeline where a handler says so', async () => {
    runStages({ analyze: async () => ({ message: 'nothing to act on', next: 'notify' }) });
    const incident = await finished(await newIncident());
    expect(incident.stages.plan).toBeUndefined();
    expect(incident.stages.fix).toBeUndefined();
    expect(incident.stages.notify?.state).toBe('done');
  });
});
