import { RcaJobSchema } from '@aiops/contracts';
import { Cluster, createKubeApis, KubeEnvSchema, loadKubeConfig } from '@aiops/kube';
import { MetricsEnvSchema, metricsSourceFromEnv } from '@aiops/metrics';
import {
  createRedis,
  DetectionEnvSchema,
  LlmEnvSchema,
  llmOptionsFromEnv,
  runMain,
  runStageService,
} from '@aiops/runtime';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { createAnalyzeHandler } from './handler';
import { answerRcaRequest } from './rca-request';

const EnvSchema = MetricsEnvSchema.extend({
  ...DetectionEnvSchema.shape,
  ...KubeEnvSchema.shape,
  ...LlmEnvSchema.shape,
});

await runMain('analyzer', async () => {
  let rcaWorker: Worker | undefined;
  let stopMetrics: (() => Promise<void>) | undefined;
  return runStageService({
    stage: 'analyze',
    envSchema: EnvSchema,
    createHandler: (ctx) => {
      const { env } = ctx;
      const metrics = metricsSourceFromEnv(env);
      stopMetrics = metrics.stop;
      let cluster: Cluster | undefined;
      try {
        cluster = new Cluster(createKubeApis(loadKubeConfig(env)));
      } catch (error) {
        ctx.log.warn({ reason: String(error) }, 'no cluster configured: RCA ranks from metrics alone');
      }
      const llm = llmOptionsFromEnv(env);
      rcaWorker = new Worker(
        'rca',
        async (job: Job) => {
          const parsed = RcaJobSchema.safeParse(job.data);
          if (!parsed.success)
            throw new UnrecoverableError(`invalid job payload: ${parsed.error.issues[0]?.message}`);
          return answerRcaRequest(parsed.data, {
            source: metrics.source,
            threshold: env.RCA_ANOMALY_THRESHOLD,
            llm,
          });
        },
        {
          connection: createRedis(env.REDIS_URL, 'worker', 'aiops-rca-worker'),
          prefix: env.QUEUE_PREFIX,
          concurrency: 2,
        },
      );
      rcaWorker.on('error', (err) => ctx.log.error({ err }, 'rca worker error'));
      return createAnalyzeHandler({ env, source: metrics.source, cluster, llm, store: ctx.store });
    },
    closeFirst: async () => {
      await rcaWorker?.close();
      await stopMetrics?.();
    },
  });
});
