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

/** A query parameter holding a plain decimal number (z.coerce would also take "0x10" and "1e3"). */
const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a decimal number')
  .transform(Number);

export const TrendQuerySchema = z
  .object({
    hours: decimal.pipe(z.number().min(1).max(168, 'hours must be at most 168 (one week)')).default(24),
    step_minutes: decimal.pipe(z.number().int().min(1).max(1440)).default(60),
  })
  .refine((query) => query.step_minutes <= query.hours * 60, {
    path: ['step_minutes'],
    message: 'must not exceed the horizon (hours × 60)',
    // Only once both fields parsed: a bad hours is reported alone.
    when: (payload) => payload.issues.length === 0,
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
