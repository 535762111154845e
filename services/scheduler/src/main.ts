import { metricsSourceFromEnv } from '@aiops/metrics';
import { createServiceContext, installShutdown, runMain } from '@aiops/runtime';
import { SchedulerEnvSchema } from './env';
import { LoadModel } from './load-model';
import { startForecastWorker } from './worker';

/** Periodic work: refreshes the load forecast (and raises capacity incidents), answers prediction questions. */
await runMain('scheduler', async () => {
  const ctx = await createServiceContext('scheduler', SchedulerEnvSchema);
  const metrics = metricsSourceFromEnv(ctx.env);
  const worker = await startForecastWorker(ctx, new LoadModel(ctx.env, metrics.source));
  installShutdown(
    ctx.log,
    [() => worker.close(), () => metrics.stop(), () => ctx.close()],
    ctx.env.SHUTDOWN_TIMEOUT_MS,
  );
  ctx.log.info({ refreshMinutes: ctx.env.PREDICTION_REFRESH_MINUTES }, 'scheduler started');
});
