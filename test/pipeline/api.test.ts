import { AutofixDataSchema, DiagnoseDataSchema, STAGES } from '@aiops/contracts';
import { createRedis } from '@aiops/runtime';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { waitFor } from '@aiops/testkit/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPipeline, startPipeline } from '../support/pipeline-processes';

const API_TOKEN = 'e2e-api-token-0000000001';
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = testPrefix('api');
let pipeline: RunningPipeline;

beforeAll(async () => {
  pipeline = await startPipeline({ QUEUE_PREFIX: prefix }, ['oom-killed', 'nginx-deployment']);
  await pipeline.sim.waitFor(() => false, { simSeconds: 60 });
}, 120_000);
afterAll(async () => {
  await pipeline?.stop();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const call = (path: string, body?: unknown, token: string | null = API_TOKEN) =>
  fetch(`${pipeline.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const json = async (res: Response) => (await res.json()) as { code: number; message: string; data: unknown };

describe('the seed API', () => {
  it('refuses the endpoints that act without the API token', async () => {
    for (const path of [
      '/api/v1/autofix',
      '/api/v1/autofix/diagnose',
      '/api/v1/autofix/notify',
      '/api/v1/autofix/workflow',
    ]) {
      const res = await call(path, {}, null);
      expect(res.status, path).toBe(401);
      expect((await call(path, {}, 'wrong-token-wrong-token')).status, path).toBe(401);
    }
  });

  it('validates autofix input and answers 404 for a Deployment that does not exist', async () => {
    const bad = await call('/api/v1/autofix', { deployment: 'Not_A_Name', namespace: 'default' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toMatch(/^deployment: must be a Kubernetes name/);
    const missing = await call('/api/v1/autofix', { deployment: 'ghost', namespace: 'default' });
    expect(missing.status).toBe(404);
  });

  it('diagnoses a namespace with evidence, and reports the cluster in autofix health', async () => {
    const res = await call('/api/v1/autofix/diagnose', { namespace: 'default' });
    const data = DiagnoseDataSchema.parse((await json(res)).data);
    const oom = data.findings.find((f) => f.category === 'oom-killed');
    expect(oom?.resource.name).toBe('cache-warmer');
    expect(oom?.evidence[0]?.text).toMatch(/OOMKilled \(exit 137\)/);
    expect(data.findings.some((f) => f.resource.name === 'nginx-deployment')).toBe(false);
    const healthy = await call('/api/v1/autofix/diagnose', {
      namespace: 'default',
      deployment: 'nginx-deployment',
    });
    expect(DiagnoseDataSchema.parse((await json(healthy)).data)).toMatchObject({
      healthy: true,
      findings: [],
    });
    const missing = await call('/api/v1/autofix/diagnose', { namespace: 'default', deployment: 'ghost' });
    expect(missing.status).toBe(404);
    expect((await json(missing)).message).toBe('deployment default/ghost not found');
    const noNamespace = await call('/api/v1/autofix/diagnose', { namespace: 'nope-ns' });
    expect(noNamespace.status).toBe(404);
    expect((await json(noNamespace)).message).toBe('namespace nope-ns not found');
    const health = (await json(await call('/api/v1/autofix/health'))).data as {
      cluster: { reachable: boolean };
    };
    expect(health.cluster.reachable).toBe(true);
  });

  it('only proposes without force, records it in the audit, and fixes with force', async () => {
    const proposed = AutofixDataSchema.parse(
      (await json(await call('/api/v1/autofix', { deployment: 'cache-warmer', namespace: 'default' }))).data,
    );
    expect(proposed).toMatchObject({ status: 'proposed', success: false });
    const audit = (await json(await call('/api/v1/autofix/audit?namespace=default&deployment=cache-warmer')))
      .data as {
      actions: { outcome: string; dryRun: { ok: boolean } | null }[];
    };
    expect(audit.actions[0]).toMatchObject({ outcome: 'skipped', dryRun: { ok: true } });
    const fixed = AutofixDataSchema.parse(
      (
        await json(
          await call('/api/v1/autofix', {
            deployment: 'cache-warmer',
            namespace: 'default',
            force: true,
            event: 'OOMKilled',
          }),
        )
      ).data,
    );
    expect(fixed).toMatchObject({ status: 'fixed', success: true, error_message: '' });
    expect(fixed.actions_taken.some((a) => /memory limit 128Mi → /.test(a))).toBe(true);
  });

  it('sends a message through the notifier to Feishu', async () => {
    const res = await call('/api/v1/autofix/notify', {
      type: 'human_help',
      message: 'Please check the payments database',
      urgency: 'high',
    });
    expect(res.status).toBe(202);
    const bad = await call('/api/v1/autofix/notify', { type: 'shout', message: '' });
    expect(bad.status).toBe(400);
    await waitFor(
      () => pipeline.feishu.received.find((m) => m.text.includes('Please check the payments database')),
      { timeoutMs: 20_000 },
    );
  });

  it('runs the workflow and streams its steps as server-sent events until it is done', async () => {
    const started = await call('/api/v1/autofix/workflow', {
      problem_description: 'nginx-deployment looks slow, please check it',
      namespace: 'default',
      deployment: 'nginx-deployment',
    });
    expect(started.status).toBe(202);
    const { events_url } = (await json(started)).data as { events_url: string };
    const stream = await fetch(`${pipeline.url}${events_url}`);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await stream.text();
    const steps = text.split('\n').filter((l) => l.startsWith('event: step')).length;
    expect(steps).toBeGreaterThan(5);
    expect(text).toMatch(/"stage":"plan","event":"step","message":"kubernetes-fixer: diagnose/);
    expect(text).toMatch(/event: done\ndata: \{"status":"notified","outcome":"healthy"\}/);
  });

  it('documents every route it serves in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${pipeline.url}/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/autofix',
        '/api/v1/autofix/diagnose',
        '/api/v1/autofix/health',
        '/api/v1/autofix/audit',
        '/api/v1/autofix/notify',
        '/api/v1/autofix/workflow',
        '/api/v1/autofix/workflow/{id}/events',
        '/api/v1/rca',
        '/api/v1/predict',
        '/api/v1/predict/trend',
        '/api/v1/incidents/{id}/report',
      ]),
    );
  });

  // Last: it stops the fixer.
  it('refuses an autofix while no fixer runs, rather than queue a change for whenever one starts', async () => {
    const fixer = pipeline.processes[1 + STAGES.indexOf('fix')]!;
    await fixer.stop();
    const before = (await json(await call('/api/v1/incidents?limit=500'))).data as { incidents: unknown[] };
    const refused = await waitFor(
      async () => {
        const res = await call('/api/v1/autofix', { deployment: 'cache-warmer', namespace: 'default' });
        return res.status === 503 ? res : undefined;
      },
      { timeoutMs: 10_000, what: 'a 503 once the fixer is gone' },
    );
    expect((await json(refused)).message).toBe('no fix worker is running: start the fixer service');
    const after = (await json(await call('/api/v1/incidents?limit=500'))).data as { incidents: unknown[] };
    expect(after.incidents).toHaveLength(before.incidents.length);
  });
});
