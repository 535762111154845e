import { z } from 'zod';
import { ResourceRefSchema } from './target';

/** Finding categories, as in the Kubernetes scenarios' README. */
export const FindingCategorySchema = z.enum([
  'probe-path-not-found',
  'probe-too-aggressive',
  'liveness-kills-slow-start',
  'missing-readiness-probe',
  'resources-unschedulable',
  'oom-killed',
  'crash-loop',
  'missing-env',
  'image-pull-failure',
]);
export type FindingCategory = z.infer<typeof FindingCategorySchema>;

export const EvidenceSchema = z.object({
  kind: z.enum(['event', 'log', 'probe', 'spec', 'status', 'metric', 'change']),
  source: z.string().describe('where it was read: an object, a pod log, a probe URL, a metric'),
  text: z.string(),
  at: z.iso.datetime({ offset: true }).optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const FindingSchema = z.object({
  category: FindingCategorySchema,
  resource: ResourceRefSchema,
  container: z.string().optional(),
  message: z.string(),
  fixable: z.boolean(),
  evidence: z.array(EvidenceSchema),
});
export type Finding = z.infer<typeof FindingSchema>;
