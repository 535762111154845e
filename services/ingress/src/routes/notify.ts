import { randomUUID } from 'node:crypto';
import { NotifyAcceptedSchema, NotifyRequestSchema } from '@aiops/contracts';
import { manualNotificationFromRequest } from '@aiops/notify';
import type { Queues } from '@aiops/runtime';
import { Hono } from 'hono';
import type { ApiModule } from '../app';
import { requireAuth } from '../http/auth';
import type { Credentials } from '../http/credentials';
import { fail, ok } from '../http/envelope';
import { parseJsonBody } from '../http/json-body';

/** `POST /api/v1/autofix/notify` (seed): queued for the notifier, which sends it on the configured channels. */
export function notifyModule(queues: Queues, credentials: Credentials): ApiModule {
  const router = new Hono().post(
    '/',
    requireAuth({ bearer: credentials.apiToken, realm: 'aiops-api' }),
    async (c) => {
      const body = await parseJsonBody(c, NotifyRequestSchema);
      if (!body.ok) return fail(c, 400, body.message, { errors: body.errors });
      const requestId = randomUUID();
      try {
        await queues['notify-manual'].add(
          'notify-manual',
          manualNotificationFromRequest(body.value, requestId),
          {
            jobId: requestId,
          },
        );
      } catch {
        return fail(c, 503, 'the notification could not be queued (Redis unavailable); retry later');
      }
      return ok(c, { request_id: requestId, queued: true }, 202, 'queued');
    },
  );
  return {
    basePath: '/api/v1/autofix/notify',
    router,
    operations: [
      {
        method: 'post',
        path: '/api/v1/autofix/notify',
        tag: 'autofix',
        summary:
          'Send a message to the team (Feishu, webhook) through the notifier; human_help asks a person to act',
        auth: 'api',
        body: NotifyRequestSchema,
        data: NotifyAcceptedSchema,
        status: 202,
        errors: [503],
      },
    ],
  };
}
