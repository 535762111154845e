import type { StageName } from '@aiops/contracts';
import type { Worker } from 'bullmq';
import { z } from 'zod';
import type { RuntimeEnv } from './config';
import { createServiceContext, type ServiceContext } from './context';
import { installShutdown } from './shutdown';
import { type StageHandler, startStageWorker } from './stage-worker';

export interface StageServiceOptions<S extends z.ZodObject> {
  stage: StageName;
  /** The stage's own environment variables, validated with the common ones at start. */
  envSchema?: S;
  createHandler(ctx: ServiceContext<z.infer<S> & RuntimeEnv>): Promise<StageHandler> | StageHandler;
  limiter?(env: z.infer<S> & RuntimeEnv): { max: number; duration: number } | undefined;
  env?: Record<string, string | undefined>;
  /** Something else the service runs (another worker) to close first on shutdown. */
  closeFirst?(): Promise<unknown> | undefined;
}

export interface RunningStage {
  worker: Worker;
  context: ServiceContext<RuntimeEnv>;
  stop(): Promise<void>;
}

/** A stage service: one worker over the stage's queue, stopped cleanly on SIGTERM. */
export async function runStageService<S extends z.ZodObject>(
  options: StageServiceOptions<S>,
): Promise<RunningStage> {
  const schema = (options.envSchema ?? z.object({})) as S;
  const ctx = await createServiceContext(`${options.stage}-stage`, schema, options.env);
  const handler = await options.createHandler(ctx);
  const worker = startStageWorker({
    stage: options.stage,
    handler,
    redisUrl: ctx.env.REDIS_URL,
    prefix: ctx.env.QUEUE_PREFIX,
    concurrency: ctx.env.WORKER_CONCURRENCY,
    lockDurationMs: ctx.env.WORKER_LOCK_MS,
    store: ctx.store,
    queues: ctx.queues,
    metrics: ctx.metrics,
    log: ctx.log,
    limiter: options.limiter?.(ctx.env),
  });
  const closers = [async () => options.closeFirst?.(), () => worker.close(), () => ctx.close()];
  const stop = installShutdown(ctx.log, closers, ctx.env.SHUTDOWN_TIMEOUT_MS);
  ctx.log.info({ concurrency: ctx.env.WORKER_CONCURRENCY }, `${options.stage} stage started`);
  return { worker, context: ctx, stop };
}
