import { type Health, HealthSchema, STAGES } from '@aiops/contracts';
import { ALL_QUEUES, type Queues, type Redis } from '@aiops/runtime';
import { Hono } from 'hono';
import { fail, ok } from '../http/envelope';
import type { ApiOperation } from '../openapi/document';

/** Redis reachable, each queue's depth, and how many workers each queue has. 503 when Redis is not reachable. */
export async function readHealth(redis: Redis, queues: Queues): Promise<Health> {
  const started = performance.now();
  try {
    await redis.ping();
  } catch (error) {
    return {
      status: 'degraded',
      redis: { ok: false, latencyMs: null, error: error instanceof Error ? error.message : String(error) },
      queues: {},
      workers: {},
    };
  }
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  const entries = await Promise.all(
    ALL_QUEUES.map(async (name) => {
      const queue = queues[name];
      const [counts, workers] = await Promise.all([
        queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'),
        queue.getWorkersCount(),
      ]);
      return [name, counts, workers] as const;
    }),
  );
  const health: Health = {
    status: 'ok',
    redis: { ok: true, latencyMs },
    queues: Object.fromEntries(
      entries.map(([name, c]) => [
        name,
        {
          waiting: c.waiting ?? 0,
          active: c.active ?? 0,
          delayed: c.delayed ?? 0,
          failed: c.failed ?? 0,
          completed: c.completed ?? 0,
        },
      ]),
    ),
    workers: Object.fromEntries(entries.map(([name, , workers]) => [name, workers])),
  };
  if (STAGES.some((stage) => (health.workers[stage] ?? 0) === 0)) health.status = 'degraded';
  return health;
}

export function healthRoutes(redis: Redis, queues: Queues): Hono {
  return new Hono().get('/', async (c) => {
    const health = await readHealth(redis, queues);
    if (!health.redis.ok) return fail(c, 503, `Redis unreachable: ${health.redis.error}`, health);
    return ok(c, health, 200, health.status === 'ok' ? 'ok' : 'degraded: a stage has no worker');
  });
}

export const healthOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/health',
    tag: 'system',
    summary: 'Redis reachable, queue depths, workers seen',
    data: HealthSchema,
    answers: [
      { status: 503, description: 'Redis unreachable; `data` is the rest of the health', data: HealthSchema },
    ],
  },
];
