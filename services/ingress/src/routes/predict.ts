import {
  type ForecastJob,
  PredictDataSchema,
  PredictRequestSchema,
  TrendDataSchema,
  TrendQuerySchema,
} from '@aiops/contracts';
import type { Queues, Redis } from '@aiops/runtime';
import { QueueEvents } from 'bullmq';
import { type Context, Hono } from 'hono';
import type { ApiModule } from '../app';
import { askWorker } from '../http/ask-worker';
import { describeIssues, fail, ok } from '../http/envelope';
import { parseJsonBody } from '../http/json-body';

/**
 * Load prediction (seed): the scheduler holds the fitted model; the latest prediction is read from Redis, and
 * other questions go to the scheduler as jobs whose answers are awaited.
 */
export function predictModule(deps: {
  redis: Redis;
  queues: Queues;
  prefix: string;
  createRedis(): Redis;
}): ApiModule {
  const events = new QueueEvents('forecast', { connection: deps.createRedis(), prefix: deps.prefix });

  const ask = (c: Context, job: Exclude<ForecastJob, { kind: 'refresh' }>) =>
    askWorker(c, deps.queues.forecast, events, job, 'scheduler');

  const router = new Hono();
  router.get('/', async (c) => {
    const cached = await deps.redis.get(`${deps.prefix}:prediction:current`);
    return cached ? ok(c, PredictDataSchema.parse(JSON.parse(cached))) : ask(c, { kind: 'current' });
  });
  router.post('/', async (c) => {
    const body = await parseJsonBody(c, PredictRequestSchema);
    if (!body.ok) return fail(c, 400, body.message, { errors: body.errors });
    return ask(c, { kind: 'predict', current_qps: body.value.current_qps, timestamp: body.value.timestamp });
  });
  router.get('/trend', async (c) => {
    const query = TrendQuerySchema.safeParse(c.req.query());
    if (!query.success) {
      const issues = describeIssues(query.error);
      return fail(c, 400, issues.message, { errors: issues.errors });
    }
    return ask(c, { kind: 'trend', hours: query.data.hours, step_minutes: query.data.step_minutes });
  });

  return {
    basePath: '/api/v1/predict',
    router,
    close: () => events.close(),
    operations: [
      {
        method: 'get',
        auth: 'read',
        path: '/api/v1/predict',
        tag: 'prediction',
        summary: 'The current prediction: instances needed for the forecast request rate',
        data: PredictDataSchema,
        errors: [503],
      },
      {
        method: 'post',
        auth: 'read',
        path: '/api/v1/predict',
        tag: 'prediction',
        summary: 'Instances needed given a current request rate (and its time)',
        body: PredictRequestSchema,
        data: PredictDataSchema,
        errors: [503],
      },
      {
        method: 'get',
        auth: 'read',
        path: '/api/v1/predict/trend',
        tag: 'prediction',
        summary: 'Forecast points with intervals and instances over a horizon (at most 168 h)',
        query: TrendQuerySchema,
        data: TrendDataSchema,
        errors: [503],
      },
    ],
  };
}
