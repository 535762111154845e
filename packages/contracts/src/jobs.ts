import { z } from 'zod';
import { NotifyRequestSchema } from './api/notify';
import { NotificationEventSchema } from './notification';

/** Every stage job names its incident; the incident itself lives in Redis. */
export const StageJobSchema = z.object({
  incidentId: z.string().min(1),
  runId: z.string().min(1).describe('one pipeline run of the incident; jobs ids derive from it'),
});
export type StageJob = z.infer<typeof StageJobSchema>;

export const NotifyJobSchema = StageJobSchema.extend({
  event: z.enum(['pipeline', 'resolved']).default('pipeline'),
});
export type NotifyJob = z.infer<typeof NotifyJobSchema>;

/** A message asked for through the API rather than by an incident. */
export const ManualNotifyJobSchema = z.object({
  requestId: z.string().min(1),
  event: NotificationEventSchema,
  title: z.string(),
  message: z.string(),
  urgency: z.enum(['low', 'medium', 'high', 'critical']),
  type: NotifyRequestSchema.shape.type.unwrap().optional(),
});
export type ManualNotifyJob = z.infer<typeof ManualNotifyJobSchema>;

/** Work for the scheduler, which holds the fitted load model: a refresh, or an API question to answer. */
export const ForecastJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('refresh') }),
  z.object({ kind: z.literal('current') }),
  z.object({ kind: z.literal('predict'), current_qps: z.number(), timestamp: z.number().optional() }),
  z.object({ kind: z.literal('trend'), hours: z.number(), step_minutes: z.number() }),
]);
export type ForecastJob = z.infer<typeof ForecastJobSchema>;

/** An RCA question from `POST /api/v1/rca`, answered by the analyzer. */
export const RcaJobSchema = z.object({
  startMs: z.number(),
  endMs: z.number(),
  metrics: z.array(z.string()),
  namespace: z.string().optional(),
});
export type RcaJob = z.infer<typeof RcaJobSchema>;

/** A worker's answer to an API question: the data, or why not, with the HTTP status the API should give. */
export const WorkerAnswerSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    status: z.union([z.literal(400), z.literal(503)]),
    message: z.string(),
    /** The request field a 400 is about, for the answer's `errors`. */
    field: z.string().optional(),
  }),
]);
export type WorkerAnswer = z.infer<typeof WorkerAnswerSchema>;
