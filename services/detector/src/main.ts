import { MetricsEnvSchema, metricsSourceFromEnv } from '@aiops/metrics';
import { DetectionEnvSchema, runMain, runStageService } from '@aiops/runtime';
import { createDetectHandler } from './handler';

await runMain('detector', async () => {
  let stopMetrics: (() => Promise<void>) | undefined;
  return runStageService({
    stage: 'detect',
    envSchema: MetricsEnvSchema.extend(DetectionEnvSchema.shape),
    createHandler: (ctx) => {
      const metrics = metricsSourceFromEnv(ctx.env);
      stopMetrics = metrics.stop;
      return createDetectHandler(ctx.env, metrics.source);
    },
    closeFirst: () => stopMetrics?.(),
  });
});
