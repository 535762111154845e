import { hostname } from 'node:os';
import {
  type Incident,
  type IncidentSlots,
  type IncidentStatus,
  STAGES,
  type StageJob,
  StageJobSchema,
  type StageName,
} from '@aiops/contracts';
import { type Job, RateLimitError, UnrecoverableError, Worker } from 'bullmq';
import type { IncidentStore } from './incidents/incident-store';
import type { Logger } from './logger';
import type { PipelineMetrics } from './pipeline-metrics';
import { type Queues, stageJobId } from './queues';
import { createRedis } from './redis';

export interface StageContext {
  incident: Incident;
  job: Job;
  runId: string;
  attempt: number;
  log: Logger;
  /** Puts the job back for `ms` because a downstream service throttles us: no attempt is spent. */
  deferForRateLimit(ms: number): Promise<never>;
}

export interface StageResult {
  /** One line for the timeline: what the stage concluded. */
  message: string;
  status?: IncidentStatus;
  slots?: Partial<IncidentSlots>;
  /** The stage to run next; the default is the following one, `null` ends the pipeline. */
  next?: StageName | null;
}

export type StageHandler = (ctx: StageContext) => Promise<StageResult>;

export interface StageWorkerOptions {
  stage: StageName;
  handler: StageHandler;
  redisUrl: string;
  prefix: string;
  concurrency: number;
  lockDurationMs: number;
  store: IncidentStore;
  queues: Queues;
  metrics: PipelineMetrics;
  log: Logger;
  /** BullMQ's global rate limit for the queue (the notify stage follows Feishu's limits). */
  limiter?: { max: number; duration: number };
}

export function followingStage(stage: StageName): StageName | null {
  return STAGES[STAGES.indexOf(stage) + 1] ?? null;
}

/** Identifies the replica in the timeline, so one can see who did what. */
export const WORKER_ID = `${hostname()}:${process.pid}`;

/**
 * Runs one stage of the pipeline: loads the incident, calls the handler, records its result and timeline,
 * and enqueues the next stage. A stage that fails its last attempt marks the incident failed and still
 * sends it to notify, so a human hears of it.
 */
export function startStageWorker(options: StageWorkerOptions): Worker {
  const { stage, store, queues, metrics } = options;

  const enqueue = async (next: StageName, job: StageJob) => {
    await queues[next].add(next, job, { jobId: stageJobId(job.incidentId, next, job.runId) });
  };

  let worker: Worker | undefined;
  const deferForRateLimit = async (ms: number): Promise<never> => {
    await worker?.rateLimit(ms);
    throw Worker.RateLimitError();
  };

  const processor = async (job: Job): Promise<string> => {
    const parsed = StageJobSchema.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`invalid job payload: ${parsed.error.issues[0]?.message}`);
    const { incidentId, runId } = parsed.data;
    const attempt = job.attemptsMade + 1;
    const log = options.log.child({ stage, incidentId, jobId: job.id, runId, attempt });
    const startedAt = new Date();

    const incident = await store.get(incidentId);
    if (!incident) throw new UnrecoverableError(`incident ${incidentId} does not exist`);

    const previous = incident.stages[stage];
    if (previous?.state === 'done' && previous.runId === runId) {
      // A redelivered job (e.g. after its worker was killed past the point of recording): finish the hand-off only.
      log.info('stage already done for this run; not repeating it');
      if (previous.next) await enqueue(previous.next, parsed.data);
      return 'already done';
    }

    await store.recordStage(
      incidentId,
      stage,
      { state: 'running', attempts: attempt, runId, startedAt: startedAt.toISOString() },
      {
        timeline: {
          at: startedAt.toISOString(),
          stage,
          event: 'started',
          message: attempt > 1 ? `attempt ${attempt}` : 'started',
          attempt,
          worker: WORKER_ID,
        },
      },
    );

    try {
      const result = await options.handler({ incident, job, runId, attempt, log, deferForRateLimit });
      const next = result.next === undefined ? followingStage(stage) : result.next;
      const finishedAt = new Date();
      const durationMs = finishedAt.getTime() - startedAt.getTime();
      await store.recordStage(
        incidentId,
        stage,
        {
          state: 'done',
          attempts: attempt,
          runId,
          next,
          startedAt: startedAt.toISOString(),
          finishedAt: finishedAt.toISOString(),
        },
        {
          status: result.status,
          slots: result.slots,
          timeline: {
            at: finishedAt.toISOString(),
            stage,
            event: 'completed',
            message: result.message,
            durationMs,
            attempt,
            worker: WORKER_ID,
          },
        },
      );
      if (next) await enqueue(next, parsed.data);
      metrics.inc('aiops_jobs_completed_total', { queue: stage });
      metrics.observe('aiops_stage_duration_seconds', { stage }, durationMs / 1000);
      log.info({ durationMs, next, status: result.status }, result.message);
      return result.message;
    } catch (error) {
      if (error instanceof RateLimitError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      const attempts = job.opts.attempts ?? 1;
      const final = error instanceof UnrecoverableError || attempt >= attempts;
      const at = new Date().toISOString();
      if (final) {
        log.error({ err: error }, `stage failed after ${attempt} attempt(s)`);
        await store.recordStage(
          incidentId,
          stage,
          {
            state: 'failed',
            attempts: attempt,
            runId,
            next: stage === 'notify' ? null : 'notify',
            startedAt: startedAt.toISOString(),
            finishedAt: at,
            error: reason,
          },
          {
            status: 'failed',
            timeline: { at, stage, event: 'failed', message: reason, attempt, worker: WORKER_ID },
          },
        );
        metrics.inc('aiops_jobs_failed_total', { queue: stage });
        if (stage !== 'notify') await enqueue('notify', parsed.data);
      } else {
        log.warn({ err: error }, 'stage attempt failed; will retry');
        await store.appendTimeline(incidentId, {
          at,
          stage,
          event: 'retrying',
          message: `attempt ${attempt} of ${attempts} failed: ${reason}`,
          attempt,
          worker: WORKER_ID,
        });
        metrics.inc('aiops_job_retries_total', { queue: stage });
      }
      throw error;
    }
  };

  worker = new Worker(stage, processor, {
    connection: createRedis(options.redisUrl, 'worker', `aiops-${stage}-worker`),
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.lockDurationMs,
    maxStalledCount: 1,
    limiter: options.limiter,
    name: WORKER_ID,
  });
  worker.on('error', (err) => options.log.error({ err, stage }, 'worker error'));
  return worker;
}
