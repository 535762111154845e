import { KubeEnvSchema } from '@aiops/kube';
import { MetricsEnvSchema } from '@aiops/metrics';
import { envInt, envNumber } from '@aiops/runtime';
import { z } from 'zod';

export const SchedulerEnvSchema = z.object({
  ...MetricsEnvSchema.shape,
  ...KubeEnvSchema.shape,
  /** The request rate the forecast is about. */
  PREDICTION_QUERY: z.string().min(1).default('sum(rate(http_requests_total[5m]))'),
  PREDICTION_HISTORY_DAYS: envInt(14, 1, 90),
  PREDICTION_STEP_MINUTES: envInt(30, 1, 1440),
  /** A `timestamp,value` CSV used as history instead of the query (shifted to end now): the demo's stand-in. */
  PREDICTION_HISTORY_CSV: z.string().optional(),
  PREDICTION_QPS_PER_INSTANCE: envNumber(100, 0.001, 1e9),
  PREDICTION_MIN_INSTANCES: envInt(1, 1, 10_000),
  PREDICTION_MAX_INSTANCES: envInt(20, 1, 10_000),
  PREDICTION_REFRESH_MINUTES: envInt(15, 1, 1440),
  /** `namespace/deployment` whose replicas are compared with the recommendation; unset: no capacity incidents. */
  PREDICTION_TARGET: z
    .string()
    .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be namespace/deployment')
    .optional(),
});
export type SchedulerEnv = z.infer<typeof SchedulerEnvSchema>;
