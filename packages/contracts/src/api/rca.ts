import { z } from 'zod';
import { AnomalySchema, CorrelationSchema } from '../anomaly';
import { RootCauseCandidateSchema } from '../rca';
import { TimeInputSchema } from './time';

export const RcaRequestSchema = z.object({
  start_time: TimeInputSchema,
  end_time: TimeInputSchema,
  metrics: z.array(z.string().min(1)).min(1, 'metrics must name at least one metric or PromQL query').max(50),
  namespace: z.string().optional(),
});
export type RcaRequest = z.infer<typeof RcaRequestSchema>;

export const RcaDataSchema = z.object({
  anomalies: z.array(AnomalySchema),
  correlations: z.array(CorrelationSchema),
  root_cause_candidates: z.array(RootCauseCandidateSchema),
  summary: z.string(),
});
export type RcaData = z.infer<typeof RcaDataSchema>;
