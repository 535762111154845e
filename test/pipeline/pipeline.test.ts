import { readdirSync, readFileSync } from 'node:fs';
import { type Incident, STAGES } from '@aiops/contracts';
import { createRedis } from '@aiops/runtime';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { waitFor } from '@aiops/testkit/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPipeline, startPipeline } from '../support/pipeline-processes';

const SHARED = new URL('../../../shared/alerts/', import.meta.url);
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = testPrefix('e2e');
let pipeline: RunningPipeline;

beforeAll(async () => {
  pipeline = await startPipeline({ QUEUE_PREFIX: prefix }, ['liveness-wrong-path', 'nginx-problematic']);
});
afterAll(async () => {
  await pipeline?.stop();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

async function send(file: string): Promise<{ status: number; ids: string[] }> {
  const res = await fetch(`${pipeline.url}/api/v1/alerts/alertmanager`, {
    method: 'POST',
    headers: { authorization: `Bearer ${pipeline.token}`, 'content-type': 'application/json' },
    body: readFileSync(new URL(file, SHARED)),
  });
  const body = (await res.json()) as { data: { incidents: { id: string }[] } };
  return { status: res.status, ids: body.data.incidents.map((i) => i.id) };
}

const incident = async (id: string) =>
  ((await (await fetch(`${pipeline.url}/api/v1/incidents/${id}`)).json()) as { data: Incident }).data;

const notified = (id: string) =>
  waitFor(
    async () => {
      const i = await incident(id);
      return i.stages.notify?.state === 'done' ? i : undefined;
    },
    { timeoutMs: 90_000, what: `incident ${id} notified` },
  );

describe('the pipeline, each service its own process', () => {
  const payloads = [
    ...readdirSync(SHARED).filter((f) => f.endsWith('.json') && f !== 'crashloop-resolved.json'),
    'adversarial/prompt-injection.json',
  ];

  it.each(payloads)('%s: 202, and an incident whose timeline passes every stage', async (file) => {
    const { status, ids } = await send(file);
    expect(status).toBe(202);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const done = await notified(id);
      const completed = done.timeline.filter((t) => t.event === 'completed').map((t) => t.stage);
      expect(completed).toEqual([...STAGES]);
      // Prometheus is down in this test: the incident moved on with that fact recorded.
      expect(done.detection).toMatchObject({ available: false, source: 'http://127.0.0.1:1' });
      expect(done.detection?.error).toMatch(/^Prometheus at http:\/\/127.0.0.1:1 is unreachable/);
      expect(done.rca?.candidates).toBeDefined();
      expect(done.plan?.steps.length).toBeGreaterThan(0);
    }
  });

  it('makes one incident and one run of the same payload sent twice', async () => {
    const before = await redis.keys(`${prefix}:incident-key:*:last`);
    const first = await send('grouped-deployment.json');
    const second = await send('grouped-deployment.json');
    expect(second.ids).toEqual(first.ids);
    expect(await redis.keys(`${prefix}:incident-key:*:last`)).toHaveLength(before.length);
    const done = await notified(first.ids[0]!);
    expect(done.timeline.filter((t) => t.stage === 'detect' && t.event === 'started')).toHaveLength(1);
    expect(done.timeline.filter((t) => t.stage === 'notify' && t.event === 'completed')).toHaveLength(1);
    expect(done.alerts).toHaveLength(3);
  });

  it('resolves the incident when crashloop-resolved follows crashloop-firing', async () => {
    const firing = await send('crashloop-firing.json');
    await notified(firing.ids[0]!);
    const resolved = await send('crashloop-resolved.json');
    expect(resolved.status).toBe(202);
    expect(resolved.ids).toEqual(firing.ids);
    const done = await waitFor(async () => {
      const i = await incident(firing.ids[0]!);
      return i.status === 'resolved' &&
        i.timeline.some((t) => t.stage === 'notify' && t.event === 'completed' && t.at > (i.resolvedAt ?? ''))
        ? i
        : undefined;
    });
    expect(done.resolvedAt).not.toBeNull();
    expect(done.alerts.every((a) => a.status === 'resolved')).toBe(true);
  });
});
