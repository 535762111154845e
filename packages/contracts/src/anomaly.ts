import { z } from 'zod';
import { LabelSetSchema } from './alertmanager';

export const SeriesRefSchema = z.object({
  metric: z.string().describe('metric name or the id of the PromQL template that produced the series'),
  labels: LabelSetSchema,
});
export type SeriesRef = z.infer<typeof SeriesRefSchema>;

export const AnomalySchema = SeriesRefSchema.extend({
  score: z
    .number()
    .min(0)
    .max(1)
    .describe(
      'how anomalous: the detectors flag a series at RCA_ANOMALY_THRESHOLD and above; the RCA answer also lists what its ranking counted, from 0.3',
    ),
  onset: z.iso.datetime({ offset: true }),
  direction: z.enum(['up', 'down']),
  size: z.number().describe('change from the baseline, in the metric units (signed)'),
  baseline: z.number(),
  peak: z.number().describe('the most extreme value in the anomalous stretch'),
  detectors: z.record(z.string(), z.number()).default({}).describe('each detector score at the peak'),
});
export type Anomaly = z.infer<typeof AnomalySchema>;

export const CorrelationSchema = z.object({
  a: SeriesRefSchema,
  b: SeriesRefSchema,
  pearson: z.number().min(-1).max(1),
  spearman: z.number().min(-1).max(1),
  lagSeconds: z
    .number()
    .describe('shift of b against a at the strongest correlation; positive: a moves first'),
  leader: z.enum(['a', 'b', 'none']),
});
export type Correlation = z.infer<typeof CorrelationSchema>;
