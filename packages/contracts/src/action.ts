import { z } from 'zod';
import { FindingCategorySchema } from './finding';
import { ResourceRefSchema } from './target';

export const FieldChangeSchema = z.object({
  path: z
    .string()
    .describe('JSON path in the object, e.g. spec.template.spec.containers[api].readinessProbe.httpGet.path'),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof FieldChangeSchema>;

export const ActionOutcomeSchema = z.enum([
  'applied',
  'verified',
  'refused',
  'dry-run-failed',
  'failed',
  'rolled-back',
  'escalated',
  'skipped',
]);

/** One change the system made or refused to make, with who asked and why: the audit record. */
export const ActionRecordSchema = z.object({
  id: z.string(),
  at: z.iso.datetime({ offset: true }),
  actor: z.string().describe('who asked: api (a holder of API_TOKEN), pipeline:<incident id>, agent:<name>'),
  reason: z.string(),
  kind: z.enum(['patch', 'rollback', 'escalate']),
  category: FindingCategorySchema.optional(),
  target: ResourceRefSchema,
  changes: z.array(FieldChangeSchema),
  dryRun: z.object({ ok: z.boolean(), message: z.string() }).nullable(),
  outcome: ActionOutcomeSchema,
  detail: z.string(),
});
export type ActionRecord = z.infer<typeof ActionRecordSchema>;
