import { AlertmanagerWebhookSchema, WebhookAcceptedSchema } from '@aiops/contracts';
import {
  type IncidentStore,
  IntakeBatcher,
  type Logger,
  type PipelineMetrics,
  type Queues,
  type WebhookRefusalReason,
} from '@aiops/runtime';
import { Hono } from 'hono';
import { requireAuth } from '../http/auth';
import { limitBody } from '../http/body-limit';
import type { Credentials } from '../http/credentials';
import { fail, ok } from '../http/envelope';
import { parseJsonBody } from '../http/json-body';
import type { ApiOperation } from '../openapi/document';

export interface AlertRouteDeps {
  store: IncidentStore;
  queues: Queues;
  metrics: PipelineMetrics;
  credentials: Credentials;
  maxBytes: number;
  log: Logger;
}

/**
 * Alertmanager's webhook receiver. 2xx only once the incidents are durably in Redis; 4xx for input that will
 * never be valid (Alertmanager does not retry those); 503 when Redis is unavailable, so Alertmanager retries.
 */
export function alertRoutes(deps: AlertRouteDeps): Hono {
  const refused = (reason: WebhookRefusalReason) =>
    deps.metrics.inc('aiops_webhooks_refused_total', { reason });
  const intake = new IntakeBatcher(deps.store, deps.queues);
  const app = new Hono();
  app.post(
    '/alertmanager',
    async (_c, next) => {
      deps.metrics.inc('aiops_webhooks_received_total');
      await next();
    },
    requireAuth({
      bearer: deps.credentials.webhookToken,
      basic: deps.credentials.webhookBasic,
      realm: 'aiops-webhook',
      onRefused: () => refused('unauthorized'),
    }),
    limitBody(deps.maxBytes, (c) => {
      refused('too_large');
      // The rest of the body is not read, so the connection cannot carry another request.
      c.header('Connection', 'close');
      return fail(c, 413, `body larger than ${deps.maxBytes} bytes`);
    }),
    async (c) => {
      const body = await parseJsonBody(c, AlertmanagerWebhookSchema);
      if (!body.ok) {
        refused('invalid');
        return fail(c, 400, body.message, { errors: body.errors });
      }
      try {
        const incidents = await intake.submit(body.value);
        const created = incidents.filter((i) => i.created).length;
        if (created > 0) deps.metrics.inc('aiops_incidents_created_total', {}, created);
        return ok(c, { incidents }, 202, 'accepted');
      } catch (error) {
        deps.log.error({ err: error, groupKey: body.value.groupKey }, 'webhook not stored');
        return fail(c, 503, 'alerts could not be stored (Redis unavailable); retry later');
      }
    },
  );
  return app;
}

export const alertOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/v1/alerts/alertmanager',
    tag: 'alerts',
    summary: 'Alertmanager webhook (version 4): one incident per group and target; repeats are deduplicated',
    auth: 'webhook',
    body: AlertmanagerWebhookSchema,
    data: WebhookAcceptedSchema,
    status: 202,
    errors: [413, 503],
  },
];
