import type { IncidentStore, Logger, PipelineMetrics, Queues, Redis } from '@aiops/runtime';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { allowedMethods } from './http/allowed-methods';
import { requireAuth } from './http/auth';
import { limitBody } from './http/body-limit';
import type { Credentials } from './http/credentials';
import { fail } from './http/envelope';
import { type ApiOperation, buildOpenApiDocument } from './openapi/document';
import { alertOperations, alertRoutes } from './routes/alerts';
import { DASHBOARD_PATH, mountDashboard } from './routes/dashboard';
import { docsRoutes } from './routes/docs';
import { healthOperations, healthRoutes } from './routes/health';
import { incidentOperations, incidentRoutes } from './routes/incidents';
import { metricsRoutes } from './routes/metrics';

/** A group of API routes with their OpenAPI description, mounted under a base path. */
export interface ApiModule {
  basePath: string;
  router: Hono;
  operations: ApiOperation[];
  /** Releases what the module holds (connections), on shutdown. */
  close?(): Promise<void>;
}

export interface AppDeps {
  redis: Redis;
  queues: Queues;
  store: IncidentStore;
  metrics: PipelineMetrics;
  credentials: Credentials;
  log: Logger;
  maxWebhookBytes: number;
  /** Body limit of every other API request. */
  maxApiBytes: number;
  /** Further API modules (prediction, RCA, autofix) wired by the caller. */
  modules?: ApiModule[];
  version?: string;
}

const ALERTS_PATH = '/api/v1/alerts';

const SYSTEM_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/metrics',
    tag: 'system',
    summary: 'Prometheus metrics of the system',
    produces: 'text/plain',
  },
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'system',
    summary: 'This OpenAPI document',
    produces: 'application/json',
  },
  {
    method: 'get',
    path: DASHBOARD_PATH,
    tag: 'system',
    summary: 'Queue dashboard (bull-board)',
    auth: 'dashboard',
    produces: 'text/html',
  },
];

export function createApp(deps: AppDeps): Hono {
  const modules: ApiModule[] = [
    {
      basePath: ALERTS_PATH,
      router: alertRoutes({
        store: deps.store,
        queues: deps.queues,
        metrics: deps.metrics,
        credentials: deps.credentials,
        maxBytes: deps.maxWebhookBytes,
        log: deps.log,
      }),
      operations: alertOperations,
    },
    {
      basePath: '/api/v1/health',
      router: healthRoutes(deps.redis, deps.queues),
      operations: healthOperations,
    },
    { basePath: '/api/v1/incidents', router: incidentRoutes(deps.store), operations: incidentOperations },
    ...(deps.modules ?? []),
  ];
  const { readToken, apiToken } = deps.credentials;
  // Without READ_TOKEN the reads are open, as the seed's were, and documented so.
  const operations = [...modules.flatMap((m) => m.operations), ...SYSTEM_OPERATIONS].map((op) =>
    op.auth === 'read' && !readToken ? { ...op, auth: undefined } : op,
  );
  const document = buildOpenApiDocument(operations, deps.version ?? '0.1.0');

  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    deps.log.error({ err: error, path: c.req.path }, 'unhandled error');
    return fail(c, 500, 'internal error; see the server log');
  });
  app.notFound((c) => {
    const allowed = allowedMethods(app, c.req.path);
    if (allowed.length === 0)
      return fail(c, 404, `no route ${c.req.method} ${c.req.path}; see / for the API docs`);
    c.header('Allow', allowed.join(', '));
    if (c.req.method === 'OPTIONS') return c.body(null, 204);
    return fail(c, 405, `${c.req.method} is not allowed on ${c.req.path}; allowed: ${allowed.join(', ')}`);
  });
  // The webhook has a limit of its own (WEBHOOK_MAX_BYTES); nothing else reads an unbounded body.
  const limitApiBody = limitBody(deps.maxApiBytes, (c) => {
    c.header('Connection', 'close');
    return fail(c, 413, `body larger than ${deps.maxApiBytes} bytes`);
  });
  app.use('/api/*', (c, next) => (c.req.path.startsWith(ALERTS_PATH) ? next() : limitApiBody(c, next)));
  if (readToken) {
    const readAuth = requireAuth({ bearer: [readToken, apiToken], realm: 'aiops-read' });
    for (const op of operations.filter((o) => o.auth === 'read'))
      app.on(op.method.toUpperCase(), op.path, readAuth);
  }
  for (const module of modules) app.route(module.basePath, module.router);
  app.route('/metrics', metricsRoutes(deps.metrics, deps.queues));
  mountDashboard(app, deps.queues, deps.credentials.dashboard);
  app.route(
    '/',
    docsRoutes(() => document),
  );
  return app;
}
