import { TimelineEntrySchema, WorkflowAcceptedSchema, WorkflowRequestSchema } from '@aiops/contracts';
import type { IncidentStore, Queues } from '@aiops/runtime';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ApiModule } from '../app';
import { requireAuth } from '../http/auth';
import type { Credentials } from '../http/credentials';
import { fail, ok } from '../http/envelope';
import { parseJsonBody } from '../http/json-body';
import { missingWorker } from '../http/missing-worker';
import { openRequestIncident } from '../http/open-request';

const POLL_MS = 300;

/**
 * `POST /api/v1/autofix/workflow` (seed): the problem becomes an incident that runs plan (the agents) → fix →
 * notify; its progress streams as server-sent events, one per timeline entry, until notify is done.
 */
export function workflowModule(store: IncidentStore, queues: Queues, credentials: Credentials): ApiModule {
  const router = new Hono();
  router.post('/', requireAuth({ bearer: credentials.apiToken, realm: 'aiops-api' }), async (c) => {
    const body = await parseJsonBody(c, WorkflowRequestSchema);
    if (!body.ok) return fail(c, 400, body.message, { errors: body.errors });
    const { problem_description, namespace, deployment } = body.value;
    const target = deployment
      ? { kind: 'deployment' as const, namespace: namespace ?? 'default', name: deployment }
      : namespace
        ? { kind: 'namespace' as const, namespace, name: namespace }
        : { kind: 'cluster' as const };
    // Queued with no planner or fixer running, the workflow would change the cluster whenever one starts.
    const missing =
      (await missingWorker(queues.plan, 'planner')) ?? (await missingWorker(queues.fix, 'fixer'));
    if (missing) return fail(c, 503, missing);
    const opened = await openRequestIncident(
      store,
      queues,
      {
        source: 'api',
        groupKey: 'workflow',
        title: problem_description.split('\n')[0]!.slice(0, 120),
        severity: 'warning',
        target,
        request: { actor: 'api', event: problem_description, force: true },
      },
      'plan',
    );
    if (!opened) return fail(c, 503, 'the workflow could not be started (Redis unavailable); retry later');
    const { id } = opened;
    const events = `/api/v1/autofix/workflow/${id}/events`;
    return ok(c, { workflow_id: id, incident_id: id, events_url: events }, 202, 'started');
  });

  router.get('/:id/events', async (c) => {
    const id = c.req.param('id');
    if (!(await store.get(id))) return fail(c, 404, `no workflow ${id}`);
    return streamSSE(c, async (stream) => {
      let sent = 0;
      while (!stream.aborted) {
        const incident = await store.get(id);
        if (!incident) break;
        for (const entry of incident.timeline.slice(sent)) {
          await stream.writeSSE({ event: 'step', id: String(sent), data: JSON.stringify(entry) });
          sent += 1;
        }
        const notify = incident.stages.notify?.state;
        if (notify === 'done' || notify === 'failed') {
          await stream.writeSSE({
            event: 'done',
            data: JSON.stringify({ status: incident.status, outcome: incident.outcome }),
          });
          break;
        }
        await stream.sleep(POLL_MS);
      }
    });
  });

  return {
    basePath: '/api/v1/autofix/workflow',
    router,
    operations: [
      {
        method: 'post',
        path: '/api/v1/autofix/workflow',
        tag: 'autofix',
        summary: 'Start the multi-agent workflow (plan → fix → notify) for a described problem',
        auth: 'api',
        body: WorkflowRequestSchema,
        data: WorkflowAcceptedSchema,
        status: 202,
        errors: [503],
      },
      {
        method: 'get',
        auth: 'read',
        path: '/api/v1/autofix/workflow/:id/events',
        tag: 'autofix',
        summary: `Server-sent events: one "step" per timeline entry (${Object.keys(TimelineEntrySchema.shape).join(', ')}), then "done"`,
        produces: 'text/event-stream',
        errors: [404],
      },
    ],
  };
}
