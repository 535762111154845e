import { ForecastJobSchema, type WorkerAnswer } from '@aiops/contracts';
import { Cluster, createKubeApis, loadKubeConfig } from '@aiops/kube';
import { createRedis, type RuntimeEnv, type ServiceContext } from '@aiops/runtime';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { checkCapacity } from './capacity';
import type { SchedulerEnv } from './env';
import type { LoadModel } from './load-model';

/** Where the latest prediction is kept, so GET /api/v1/predict answers without waiting for a job. */
export const currentPredictionKey = (prefix: string) => `${prefix}:prediction:current`;

export const REFRESH_SCHEDULER_ID = 'forecast-refresh';

export async function startForecastWorker(
  ctx: ServiceContext<SchedulerEnv & RuntimeEnv>,
  model: LoadModel,
): Promise<Worker> {
  const { env, log } = ctx;
  let cluster: Cluster | undefined;
  if (env.PREDICTION_TARGET) {
    try {
      cluster = new Cluster(createKubeApis(loadKubeConfig(env)));
    } catch (error) {
      log.warn(
        { reason: String(error) },
        'PREDICTION_TARGET set but no cluster configured: no capacity incidents',
      );
    }
  }

  const refresh = async (): Promise<WorkerAnswer> => {
    const prediction = await model.refresh();
    if (!prediction) return { ok: false, status: 503, message: 'no prediction: see the scheduler log' };
    await ctx.redis.set(currentPredictionKey(env.QUEUE_PREFIX), JSON.stringify(prediction));
    log.info({ instances: prediction.instances, model: prediction.model_version }, 'prediction refreshed');
    if (cluster && env.PREDICTION_TARGET) {
      const capacity = await checkCapacity({
        target: env.PREDICTION_TARGET,
        prediction,
        cluster,
        store: ctx.store,
        queues: ctx.queues,
      });
      if (capacity) log.info(capacity, 'capacity checked');
    }
    return { ok: true, data: prediction };
  };

  const processor = async (job: Job): Promise<WorkerAnswer> => {
    const parsed = ForecastJobSchema.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`invalid job payload: ${parsed.error.issues[0]?.message}`);
    return parsed.data.kind === 'refresh' ? refresh() : model.answer(parsed.data);
  };

  const worker = new Worker('forecast', processor, {
    connection: createRedis(env.REDIS_URL, 'worker', 'aiops-forecast-worker'),
    prefix: env.QUEUE_PREFIX,
    // One model per process: answering in order keeps the CPU-heavy refit from racing itself.
    concurrency: 1,
  });
  worker.on('error', (err) => log.error({ err }, 'forecast worker error'));
  // An `every` scheduler runs its first job at once (BullMQ warns when `immediately` is also set).
  await ctx.queues.forecast.upsertJobScheduler(
    REFRESH_SCHEDULER_ID,
    { every: env.PREDICTION_REFRESH_MINUTES * 60_000 },
    { name: 'refresh', data: { kind: 'refresh' } },
  );
  return worker;
}
