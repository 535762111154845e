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

export const ForecastJobSchema = z.object({
  reason: z.enum(['schedule', 'manual']).default('schedule'),
});
export type ForecastJob = z.infer<typeof ForecastJobSchema>;
