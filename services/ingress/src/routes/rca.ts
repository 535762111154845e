import { RcaDataSchema, type RcaJob, RcaRequestSchema } from '@aiops/contracts';
import type { Queues, Redis } from '@aiops/runtime';
import { QueueEvents } from 'bullmq';
import { Hono } from 'hono';
import type { ApiModule } from '../app';
import { askWorker } from '../http/ask-worker';
import { fail } from '../http/envelope';
import { parseJsonBody } from '../http/json-body';

/** `POST /api/v1/rca` (seed): validated here, answered by the analyzer (detection, correlation, ranking). */
export function rcaModule(deps: {
  queues: Queues;
  prefix: string;
  maxWindowHours: number;
  createRedis(): Redis;
}): ApiModule {
  const events = new QueueEvents('rca', { connection: deps.createRedis(), prefix: deps.prefix });
  const router = new Hono().post('/', async (c) => {
    const body = await parseJsonBody(c, RcaRequestSchema);
    if (!body.ok) return fail(c, 400, body.message, { errors: body.errors });
    const { start_time, end_time, metrics, namespace } = body.value;
    // The schema has checked the order of the times and that the window has begun; its length is this deployment's.
    if (end_time - start_time > deps.maxWindowHours * 3_600_000) {
      const error = {
        field: 'end_time',
        message: `the window may be at most ${deps.maxWindowHours} h (RCA_MAX_WINDOW_HOURS)`,
      };
      return fail(c, 400, `${error.field}: ${error.message}`, { errors: [error] });
    }
    const job: RcaJob = { startMs: start_time, endMs: end_time, metrics, namespace };
    return askWorker(c, deps.queues.rca, events, job, 'analyzer');
  });
  return {
    basePath: '/api/v1/rca',
    router,
    close: () => events.close(),
    operations: [
      {
        method: 'post',
        auth: 'read',
        path: '/api/v1/rca',
        tag: 'rca',
        summary:
          'Anomalies, correlations and ranked root-cause candidates over a window, for known metric names (cpu, memory, restarts, ...), raw metric names or PromQL',
        body: RcaRequestSchema,
        data: RcaDataSchema,
        errors: [503],
      },
    ],
  };
}
