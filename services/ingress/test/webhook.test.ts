import { readdirSync, readFileSync } from 'node:fs';
import { createRedis } from '@aiops/runtime';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningIngress, startIngress } from '../src/server';
import { DASHBOARD_PASSWORD, ingressTestEnv, WEBHOOK_TOKEN as TOKEN } from './support/ingress-env';

const SHARED = new URL('../../../../shared/alerts/', import.meta.url);
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = testPrefix('ingress');
let ingress: RunningIngress;

beforeAll(async () => {
  ingress = await startIngress({
    env: ingressTestEnv({
      QUEUE_PREFIX: prefix,
      WEBHOOK_BASIC_USER: 'alertmanager',
      WEBHOOK_BASIC_PASSWORD: 'basic-password-01',
    }),
  });
});

afterAll(async () => {
  await ingress.stop();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const post = (
  body: string | Buffer,
  headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
) =>
  fetch(`${ingress.url}/api/v1/alerts/alertmanager`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

const queued = async () => {
  const counts = await ingress.context.queues.detect.getJobCounts(
    'waiting',
    'active',
    'delayed',
    'completed',
    'failed',
  );
  return Object.values(counts).reduce((a, b) => a + b, 0);
};

describe('POST /api/v1/alerts/alertmanager: refusals', () => {
  it('refuses every file of shared/alerts/bad with 400 naming the problem, and enqueues nothing', async () => {
    const expected: Record<string, RegExp> = {
      'missing-alerts.json': /^alerts: required \(array\)$/,
      'wrong-version.json': /^version: /,
      'not-json.txt': /not valid JSON/,
      'bad-timestamp.json': /^alerts\.0\.startsAt: /,
      'empty.txt': /body is empty/,
      'alerts-not-array.json': /^alerts: .*array/,
      'labels-not-strings.json': /^alerts\.0\.labels\.alertname: .*string/,
    };
    const files = readdirSync(new URL('bad/', SHARED));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    for (const file of files) {
      const res = await post(readFileSync(new URL(`bad/${file}`, SHARED)));
      const body = (await res.json()) as { code: number; message: string };
      expect(res.status, file).toBe(400);
      expect(body.code, file).toBe(400);
      expect(body.message, file).toMatch(expected[file]!);
    }
    expect(await queued()).toBe(0);
    expect(await ingress.context.store.list({ limit: 10 })).toEqual([]);
  });

  it('answers 401 without credentials or with wrong ones', async () => {
    const body = readFileSync(new URL('crashloop-firing.json', SHARED));
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-wrong-token' },
      { authorization: 'Basic Zm9vOmJhcg==' },
    ];
    for (const headers of attempts) {
      const res = await post(body, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
    }
    expect(await queued()).toBe(0);
  });

  it('answers 413 to a 2 MiB body', async () => {
    const res = await post(Buffer.alloc(2 * 1024 * 1024, 'x'));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/larger than 1048576 bytes/);
    expect(await queued()).toBe(0);
  });

  it('answers 413 to a 2 MiB body sent in chunks, without a Content-Length', async () => {
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 32; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(120));
        controller.close();
      },
    });
    const res = await fetch(`${ingress.url}/api/v1/alerts/alertmanager`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await queued()).toBe(0);
  });
});

describe('POST /api/v1/alerts/alertmanager: intake', () => {
  it('accepts with basic auth as Alertmanager sends it, and dedupes a repeat', async () => {
    const body = readFileSync(new URL('high-cpu-critical.json', SHARED));
    const basic = {
      authorization: `Basic ${Buffer.from('alertmanager:basic-password-01').toString('base64')}`,
    };
    const first = await post(body, basic);
    expect(first.status).toBe(202);
    const a = (await first.json()) as { data: { incidents: { id: string; created: boolean }[] } };
    expect(a.data.incidents).toHaveLength(1);
    expect(a.data.incidents[0]?.created).toBe(true);
    const again = (await (await post(body)).json()) as typeof a;
    expect(again.data.incidents[0]).toMatchObject({ id: a.data.incidents[0]?.id, created: false });
    expect(await queued()).toBe(1);
    const incident = await ingress.context.store.get(a.data.incidents[0]!.id);
    expect(incident).toMatchObject({
      severity: 'critical',
      target: { kind: 'deployment', name: 'checkout' },
    });
    // high-cpu-critical.json says Alertmanager truncated 2 alerts: noted once, not again on the repeat.
    expect(incident?.timeline.map((t) => t.event)).toEqual(['created', 'alerts-truncated', 'repeated']);
  });

  it('counts received and refused webhooks on /metrics', async () => {
    const text = await (await fetch(`${ingress.url}/metrics`)).text();
    expect(text).toMatch(/aiops_webhooks_refused_total\{reason="invalid"\} 7/);
    expect(text).toMatch(/aiops_webhooks_refused_total\{reason="unauthorized"\} 3/);
    expect(text).toMatch(/aiops_webhooks_refused_total\{reason="too_large"\} 2/);
    expect(text).toMatch(/aiops_queue_jobs\{queue="detect",state="waiting"\} 1/);
  });
});

describe('other endpoints', () => {
  it('takes a token whatever the spaces after the scheme', async () => {
    // Past authentication, the empty body is refused as such: 400, not 401.
    const res = await post('', { authorization: `Bearer   ${TOKEN}` });
    expect(res.status).toBe(400);
  });

  it('answers 405 with the allowed methods to a known path asked with another method', async () => {
    const get = await fetch(`${ingress.url}/api/v1/alerts/alertmanager`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(((await get.json()) as { message: string }).message).toBe(
      'GET is not allowed on /api/v1/alerts/alertmanager; allowed: POST',
    );
    const put = await fetch(`${ingress.url}/api/v1/incidents/abc`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD');
    const options = await fetch(`${ingress.url}/api/v1/alerts/alertmanager`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect((await fetch(`${ingress.url}/api/v1/nothing-here`)).status).toBe(404);
  });

  it('serves health, incidents, docs and an OpenAPI document covering the routes', async () => {
    const health = (await (await fetch(`${ingress.url}/api/v1/health`)).json()) as {
      data: { redis: { ok: boolean }; queues: Record<string, unknown> };
    };
    expect(health.data.redis.ok).toBe(true);
    expect(Object.keys(health.data.queues)).toEqual(expect.arrayContaining(['detect', 'notify']));
    const list = await fetch(`${ingress.url}/api/v1/incidents?limit=0`);
    expect(list.status).toBe(400);
    expect(((await list.json()) as { message: string }).message).toMatch(/^limit: /);
    expect((await fetch(`${ingress.url}/api/v1/incidents/nope`)).status).toBe(404);
    const page = await (await fetch(`${ingress.url}/`)).text();
    expect(page).toContain('swagger-ui-bundle.js');
    expect((await fetch(`${ingress.url}/docs/swagger-ui-bundle.js`)).status).toBe(200);
    const doc = (await (await fetch(`${ingress.url}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/alerts/alertmanager',
        '/api/v1/health',
        '/api/v1/incidents/{id}',
        '/metrics',
      ]),
    );
  });

  it('keeps the queue dashboard behind basic auth', async () => {
    expect((await fetch(`${ingress.url}/admin/queues`)).status).toBe(401);
    const auth = { authorization: `Basic ${Buffer.from(`admin:${DASHBOARD_PASSWORD}`).toString('base64')}` };
    const res = await fetch(`${ingress.url}/admin/queues/api/queues`, { headers: auth });
    expect(res.status).toBe(200);
    const { queues } = (await res.json()) as { queues: { name: string }[] };
    expect(queues.map((q) => q.name)).toEqual(
      expect.arrayContaining(['detect', 'analyze', 'plan', 'fix', 'notify']),
    );
  });
});
