import type { z } from 'zod';
import { loadConfig, RuntimeEnvSchema } from './config';
import { IncidentStore } from './incidents/incident-store';
import { createLogger, type Logger } from './logger';
import { PipelineMetrics } from './pipeline-metrics';
import { closeQueues, createQueues, type Queues } from './queues';
import { createRedis, type Redis, redisReady } from './redis';

/** What every service of the pipeline holds: its config, logger, a producer connection, queues, store, metrics. */
export interface ServiceContext<E> {
  env: E;
  log: Logger;
  redis: Redis;
  queues: Queues;
  store: IncidentStore;
  metrics: PipelineMetrics;
  close(): Promise<void>;
}

export async function createServiceContext<S extends z.ZodObject>(
  name: string,
  schema: S,
  envSource: Record<string, string | undefined> = process.env,
): Promise<ServiceContext<z.infer<S> & z.infer<typeof RuntimeEnvSchema>>> {
  const env = loadConfig(RuntimeEnvSchema.extend(schema.shape), envSource) as z.infer<S> &
    z.infer<typeof RuntimeEnvSchema>;
  const log = createLogger(name, env.LOG_LEVEL);
  const redis = createRedis(env.REDIS_URL, 'producer', `aiops-${name}`);
  redis.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  await redisReady(redis, 10_000);
  const queues = createQueues(redis, {
    prefix: env.QUEUE_PREFIX,
    attempts: env.STAGE_ATTEMPTS,
    backoffMs: env.STAGE_BACKOFF_MS,
  });
  const store = new IncidentStore(redis, env.QUEUE_PREFIX);
  const metrics = new PipelineMetrics(redis, env.QUEUE_PREFIX);
  return {
    env,
    log,
    redis,
    queues,
    store,
    metrics,
    close: async () => {
      await metrics.flush();
      await closeQueues(queues);
      redis.disconnect();
    },
  };
}
