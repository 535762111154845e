import { z } from 'zod';
import { TimeInputSchema } from './time';

export const PredictRequestSchema = z.object({
  current_qps: z.number().min(0, 'current_qps must not be negative'),
  timestamp: TimeInputSchema.optional(),
});
export type PredictRequest = z.infer<typeof PredictRequestSchema>;

/** The seed's prediction answer; field names kept for its clients (console, autoscaling operator). */
export const PredictDataSchema = z.object({
  instances: z.number().int().min(1),
  current_qps: z.number(),
  timestamp: z.iso.datetime({ offset: true }),
  confidence: z.number().min(0).max(1),
  model_version: z.string(),
  prediction_type: z.string(),
  features: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
});
export type PredictData = z.infer<typeof PredictDataSchema>;

export const TrendQuerySchema = z.object({
  hours: z.coerce.number().min(1).max(168, 'hours must be at most 168 (one week)').default(24),
  step_minutes: z.coerce.number().int().min(1).max(1440).default(60),
});

export const TrendPointSchema = z.object({
  timestamp: z.iso.datetime({ offset: true }),
  qps: z.number(),
  lower: z.number(),
  upper: z.number(),
  instances: z.number().int(),
});

export const TrendDataSchema = z.object({
  model_version: z.string(),
  horizon_hours: z.number(),
  points: z.array(TrendPointSchema),
});
export type TrendData = z.infer<typeof TrendDataSchema>;
