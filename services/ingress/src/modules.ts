import { AuditLog, Cluster, createKubeApis, loadKubeConfig, policyFromEnv } from '@aiops/kube';
import { createRedis, type RuntimeEnv, type ServiceContext } from '@aiops/runtime';
import { Hono } from 'hono';
import type { ApiModule } from './app';
import type { IngressEnv } from './env';
import type { Credentials } from './http/credentials';
import { fail } from './http/envelope';
import type { ApiOperation } from './openapi/document';
import { autofixModule, autofixOperations } from './routes/autofix';
import { notifyModule } from './routes/notify';
import { predictModule } from './routes/predict';
import { rcaModule } from './routes/rca';
import { workflowModule } from './routes/workflow';

/**
 * A module whose dependency is not configured: its routes answer 503 saying what to set, and stay in the API
 * docs, since configuring the dependency brings them back.
 */
function unavailable(basePath: string, reason: string, operations: ApiOperation[]): ApiModule {
  const router = new Hono().all('*', (c) => fail(c, 503, reason));
  return { basePath, router, operations };
}

/** The seed's API beyond the core: autofix, RCA, prediction, notification, workflow. */
export function seedModules(
  ctx: ServiceContext<IngressEnv & RuntimeEnv>,
  credentials: Credentials,
): ApiModule[] {
  const { env } = ctx;
  const modules: ApiModule[] = [
    predictModule({
      redis: ctx.redis,
      queues: ctx.queues,
      prefix: env.QUEUE_PREFIX,
      createRedis: () => createRedis(env.REDIS_URL, 'worker', 'aiops-ingress-forecast-events'),
    }),
    rcaModule({
      queues: ctx.queues,
      prefix: env.QUEUE_PREFIX,
      maxWindowHours: env.RCA_MAX_WINDOW_HOURS,
      createRedis: () => createRedis(env.REDIS_URL, 'worker', 'aiops-ingress-rca-events'),
    }),
    notifyModule(ctx.queues, credentials),
    workflowModule(ctx.store, ctx.queues, credentials),
  ];
  let cluster: Cluster;
  try {
    cluster = new Cluster(createKubeApis(loadKubeConfig(env)));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    ctx.log.warn({ reason }, 'autofix API unavailable');
    return [...modules, unavailable('/api/v1/autofix', reason, autofixOperations)];
  }
  return [
    ...modules,
    autofixModule({
      cluster,
      policy: policyFromEnv(env),
      audit: new AuditLog(ctx.redis, env.QUEUE_PREFIX),
      store: ctx.store,
      queues: ctx.queues,
      credentials,
      redisUrl: env.REDIS_URL,
      prefix: env.QUEUE_PREFIX,
      waitMs: env.AUTOFIX_API_WAIT_S * 1000,
      llm: { configured: Boolean(env.LLM_BASE_URL), model: env.LLM_BASE_URL ? env.LLM_MODEL : undefined },
      notification: {
        enabled: env.NOTIFICATION_ENABLED,
        channels: [env.FEISHU_WEBHOOK_URL ? 'feishu' : '', env.NOTIFY_WEBHOOK_URL ? 'webhook' : ''].filter(
          Boolean,
        ),
      },
      createRedis: () => createRedis(env.REDIS_URL, 'worker', 'aiops-ingress-events'),
    }),
  ];
}
