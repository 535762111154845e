import type { AddressInfo } from 'node:net';
import { createServiceContext, type RuntimeEnv, type ServiceContext } from '@aiops/runtime';
import { serve } from '@hono/node-server';
import { type ApiModule, createApp } from './app';
import { type IngressEnv, IngressEnvSchema } from './env';
import { type Credentials, resolveCredentials } from './http/credentials';

export interface RunningIngress {
  url: string;
  port: number;
  credentials: Credentials;
  context: ServiceContext<IngressEnv & RuntimeEnv>;
  stop(): Promise<void>;
}

export interface IngressOptions {
  env?: Record<string, string | undefined>;
  /** API modules beyond the core (prediction, RCA, autofix), built from the context. */
  modules?(
    ctx: ServiceContext<IngressEnv & RuntimeEnv>,
    credentials: Credentials,
  ): Promise<ApiModule[]> | ApiModule[];
}

export async function startIngress(options: IngressOptions = {}): Promise<RunningIngress> {
  const context = await createServiceContext('ingress', IngressEnvSchema, options.env);
  const credentials = resolveCredentials(context.env, context.log);
  const modules = (await options.modules?.(context, credentials)) ?? [];
  const app = createApp({
    redis: context.redis,
    queues: context.queues,
    store: context.store,
    metrics: context.metrics,
    credentials,
    log: context.log,
    maxWebhookBytes: context.env.WEBHOOK_MAX_BYTES,
    maxApiBytes: context.env.API_MAX_BYTES,
    modules,
  });
  const server = serve({ fetch: app.fetch, port: context.env.PORT, hostname: context.env.HOST });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = context.env.HOST === '0.0.0.0' ? '127.0.0.1' : context.env.HOST;
  const url = `http://${host}:${port}`;
  context.log.info({ url }, 'ingress listening');
  return {
    url,
    port,
    credentials,
    context,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const module of modules) await module.close?.();
      await context.close();
    },
  };
}
