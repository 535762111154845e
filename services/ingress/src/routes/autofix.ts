import {
  ActionRecordSchema,
  type AutofixData,
  AutofixDataSchema,
  AutofixHealthDataSchema,
  type AutofixPending,
  AutofixPendingSchema,
  AutofixRequestSchema,
  DiagnoseDataSchema,
  DiagnoseRequestSchema,
  type Incident,
} from '@aiops/contracts';
import { type AuditLog, type Cluster, diagnoseNamespace, type FixPolicy } from '@aiops/kube';
import type { IncidentStore, Queues, Redis } from '@aiops/runtime';
import { QueueEvents } from 'bullmq';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { ApiModule } from '../app';
import { requireAuth } from '../http/auth';
import type { Credentials } from '../http/credentials';
import { describeIssues, fail, ok } from '../http/envelope';
import { parseJsonBody } from '../http/json-body';
import { missingWorker } from '../http/missing-worker';
import { openRequestIncident } from '../http/open-request';
import type { ApiOperation } from '../openapi/document';

export interface AutofixRouteDeps {
  cluster: Cluster;
  policy: FixPolicy;
  audit: AuditLog;
  store: IncidentStore;
  queues: Queues;
  credentials: Credentials;
  redisUrl: string;
  prefix: string;
  /** How long POST /autofix waits for the fix stage before answering 202 with the incident to follow. */
  waitMs: number;
  llm: { configured: boolean; model?: string };
  notification: { enabled: boolean; channels: string[] };
  createRedis(): Redis;
}

const AuditQuerySchema = z.object({
  namespace: z.string().optional(),
  deployment: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** The seed's autofix data from the incident the fix stage filled. */
function autofixData(incident: Incident, namespace: string, deployment: string): AutofixData {
  const fix = incident.fix;
  const status = fix?.status === 'skipped' || !fix ? 'failed' : fix.status;
  return {
    status,
    deployment,
    namespace,
    actions_taken: fix?.actionsTaken ?? [],
    success: status === 'fixed' || status === 'healthy',
    error_message: fix?.error ?? incident.stages.fix?.error ?? '',
    findings: incident.findings ?? [],
    audit: incident.actions,
  };
}

const clusterUnavailable = (c: Context, error: unknown) =>
  fail(c, 503, `cluster unavailable: ${error instanceof Error ? error.message : String(error)}`);

/**
 * `POST /api/v1/autofix` runs in the fix stage (the ingress does no heavy work): it opens an incident for the
 * request, enqueues its fix job and waits for it, so the seed's clients still get the result in the answer.
 */
export function autofixModule(deps: AutofixRouteDeps): ApiModule {
  const events = new QueueEvents('fix', { connection: deps.createRedis(), prefix: deps.prefix });
  const auth = requireAuth({ bearer: deps.credentials.apiToken, realm: 'aiops-api' });
  const app = new Hono();

  app.get('/health', async (c) => {
    let cluster: { reachable: boolean; server: string; version?: string; error?: string };
    try {
      cluster = { reachable: true, server: deps.cluster.server, version: await deps.cluster.version() };
    } catch (error) {
      cluster = {
        reachable: false,
        server: deps.cluster.server,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    const data = {
      status: cluster.reachable ? ('ok' as const) : ('degraded' as const),
      cluster,
      policy: { allowedNamespaces: deps.policy.allowedNamespaces, dryRunFirst: true },
      llm: deps.llm,
      notification: deps.notification,
    };
    return ok(c, data, cluster.reachable ? 200 : 503, cluster.reachable ? 'ok' : 'cluster unreachable');
  });

  app.post('/diagnose', auth, async (c) => {
    const body = await parseJsonBody(c, DiagnoseRequestSchema);
    if (!body.ok) return fail(c, 400, body.message, { errors: body.errors });
    const { namespace, deployment } = body.value;
    try {
      // A misspelt name must not come back "healthy".
      if (deployment && !(await deps.cluster.getDeployment(namespace, deployment))) {
        return fail(c, 404, `deployment ${namespace}/${deployment} not found`);
      }
      if (!deployment && !(await deps.cluster.namespaceExists(namespace))) {
        return fail(c, 404, `namespace ${namespace} not found`);
      }
      const findings = (await diagnoseNamespace(deps.cluster, namespace)).filter(
        (f) => !deployment || f.resource.name === deployment,
      );
      return ok(c, { namespace, healthy: findings.length === 0, findings });
    } catch (error) {
      return clusterUnavailable(c, error);
    }
  });

  app.post('/', auth, async (c) => {
    const body = await parseJsonBody(c, AutofixRequestSchema);
    if (!body.ok) return fail(c, 400, body.message, { errors: body.errors });
    const { namespace, deployment, event, force } = body.value;
    try {
      if (!(await deps.cluster.getDeployment(namespace, deployment))) {
        return fail(c, 404, `deployment ${namespace}/${deployment} not found`);
      }
    } catch (error) {
      return clusterUnavailable(c, error);
    }
    // A fix queued with no fixer running would be applied whenever one starts, long after it was asked for.
    const missing = await missingWorker(deps.queues.fix, 'fixer');
    if (missing) return fail(c, 503, missing);
    const opened = await openRequestIncident(
      deps.store,
      deps.queues,
      {
        source: 'api',
        groupKey: `autofix:${namespace}/${deployment}`,
        title: `autofix requested for deployment ${namespace}/${deployment}`,
        severity: 'warning',
        target: { kind: 'deployment', namespace, name: deployment },
        request: { actor: 'api', event, force },
      },
      'fix',
    );
    if (!opened) return fail(c, 503, 'the fix could not be queued (Redis unavailable); retry later');
    const { id, job } = opened;
    try {
      await job.waitUntilFinished(events, deps.waitMs);
    } catch (error) {
      const incident = await deps.store.get(id);
      if (incident?.stages.fix?.state === 'failed') {
        return fail(
          c,
          502,
          `the fix stage failed: ${incident.stages.fix.error}`,
          autofixData(incident, namespace, deployment),
        );
      }
      return ok(
        c,
        { incident_id: id, incident_url: `/api/v1/incidents/${id}` } satisfies AutofixPending,
        202,
        `still running: ${String(error)}`,
      );
    }
    const incident = (await deps.store.get(id))!;
    const data = autofixData(incident, namespace, deployment);
    return ok(c, { ...data, incident_id: id }, 200, data.success ? 'ok' : data.error_message || data.status);
  });

  app.get('/audit', async (c) => {
    const query = AuditQuerySchema.safeParse(c.req.query());
    if (!query.success) {
      const issues = describeIssues(query.error);
      return fail(c, 400, issues.message, { errors: issues.errors });
    }
    return ok(c, { actions: await deps.audit.list(query.data) });
  });

  return {
    basePath: '/api/v1/autofix',
    router: app,
    operations: autofixOperations,
    close: () => events.close(),
  };
}

export const autofixOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/v1/autofix',
    tag: 'autofix',
    summary:
      'Diagnose a Deployment and fix what the policy allows, verified and rolled back if it does not verify. Without force the fix is only proposed (server dry-run).',
    auth: 'api',
    body: AutofixRequestSchema,
    data: AutofixDataSchema.extend({ incident_id: z.string() }),
    errors: [404, 503],
    answers: [
      {
        status: 202,
        description: 'the fix outlasted AUTOFIX_API_WAIT_S and goes on; follow the incident',
        data: AutofixPendingSchema,
      },
      {
        status: 502,
        description: 'the fix stage failed; `data` says what was done',
        data: AutofixDataSchema,
      },
    ],
  },
  {
    method: 'post',
    path: '/api/v1/autofix/diagnose',
    tag: 'autofix',
    summary: 'Every finding in a namespace (optionally one Deployment), with its evidence',
    auth: 'api',
    body: DiagnoseRequestSchema,
    data: DiagnoseDataSchema,
    errors: [404, 503],
  },
  {
    method: 'get',
    auth: 'read',
    path: '/api/v1/autofix/health',
    tag: 'autofix',
    summary: 'Cluster, policy, LLM and notification status',
    data: AutofixHealthDataSchema,
    errors: [503],
  },
  {
    method: 'get',
    auth: 'read',
    path: '/api/v1/autofix/audit',
    tag: 'autofix',
    summary: 'Audit records of every action the fixer took or refused, newest first',
    query: AuditQuerySchema,
    data: z.object({ actions: z.array(ActionRecordSchema) }),
  },
];
