import { z } from 'zod';
import { AnomalySchema, CorrelationSchema } from '../anomaly';
import { RootCauseCandidateSchema } from '../rca';
import { TimeInputSchema } from './time';

export const RcaRequestSchema = z
  .object({
    start_time: TimeInputSchema,
    end_time: TimeInputSchema,
    metrics: z
      .array(z.string().min(1))
      .min(1, 'metrics must name at least one metric or PromQL query')
      .max(50),
    namespace: z.string().optional(),
  })
  // A window that has not begun has no data: answering it would be an empty answer that looks healthy.
  .superRefine((request, ctx) => {
    if (request.start_time > Date.now())
      ctx.addIssue({ code: 'custom', path: ['start_time'], message: 'is in the future: no data exists yet' });
    if (request.end_time <= request.start_time)
      ctx.addIssue({ code: 'custom', path: ['end_time'], message: 'must be after start_time' });
  });
export type RcaRequest = z.infer<typeof RcaRequestSchema>;

export const RcaDataSchema = z.object({
  anomalies: z.array(AnomalySchema),
  correlations: z.array(CorrelationSchema),
  root_cause_candidates: z.array(RootCauseCandidateSchema),
  summary: z.string(),
});
export type RcaData = z.infer<typeof RcaDataSchema>;
