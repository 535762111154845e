import { z } from 'zod';
import { ActionRecordSchema } from './action';
import { AlertSchema } from './alertmanager';
import { AnomalySchema, CorrelationSchema } from './anomaly';
import { FindingSchema } from './finding';
import { NotificationRecordSchema } from './notification';
import { PlanSchema } from './plan';
import { RcaResultSchema } from './rca';
import { TargetSchema } from './target';

/** The pipeline, in order. Each stage is a queue and a service. */
export const STAGES = ['detect', 'analyze', 'plan', 'fix', 'notify'] as const;
export const StageNameSchema = z.enum(STAGES);
export type StageName = z.infer<typeof StageNameSchema>;

export const SeveritySchema = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;

export const IncidentStatusSchema = z.enum([
  'open',
  'detected',
  'analyzed',
  'planned',
  'fixed',
  'escalated',
  'healthy',
  'failed',
  'notified',
  'resolved',
]);
export type IncidentStatus = z.infer<typeof IncidentStatusSchema>;

/** How the pipeline ended for the incident, kept once the status moves on to notified and resolved. */
export const IncidentOutcomeSchema = z.enum(['fixed', 'escalated', 'healthy', 'failed']);
export type IncidentOutcome = z.infer<typeof IncidentOutcomeSchema>;

export const StageStateSchema = z.object({
  state: z.enum(['pending', 'running', 'done', 'failed']),
  attempts: z.number().int().min(0),
  runId: z.string().optional(),
  next: StageNameSchema.nullable().optional().describe('the stage this one handed the incident to'),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  finishedAt: z.iso.datetime({ offset: true }).optional(),
  error: z.string().optional(),
});
export type StageState = z.infer<typeof StageStateSchema>;

export const TimelineEntrySchema = z.object({
  at: z.iso.datetime({ offset: true }),
  stage: z.union([StageNameSchema, z.enum(['ingress', 'api'])]),
  event: z.enum([
    'created',
    'alerts-updated',
    'alerts-truncated',
    'repeated',
    'started',
    'completed',
    'retrying',
    'failed',
    'resolved',
    'step',
  ]),
  message: z.string(),
  durationMs: z.number().optional(),
  attempt: z.number().int().optional(),
  worker: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const IncidentSourceSchema = z.enum(['alertmanager', 'capacity', 'api']);

export const DetectionStatusSchema = z.object({
  source: z.string().describe('where the metrics came from: a Prometheus URL or "embedded"'),
  available: z.boolean(),
  error: z.string().optional(),
  windowStart: z.iso.datetime({ offset: true }).optional(),
  windowEnd: z.iso.datetime({ offset: true }).optional(),
  seriesScored: z.number().int().min(0).default(0),
});

/** What a person asked for when the incident came through the API rather than an alert. */
export const IncidentRequestSchema = z.object({
  actor: z.string(),
  event: z.string(),
  force: z.boolean(),
});
export type IncidentRequest = z.infer<typeof IncidentRequestSchema>;

/** The fix stage's account of its run: the outcome, what it did, why it stopped. */
export const FixSummarySchema = z.object({
  status: z.enum(['fixed', 'healthy', 'escalated', 'proposed', 'failed', 'refused', 'skipped']),
  actionsTaken: z.array(z.string()),
  error: z.string(),
  rounds: z.number().int().min(0),
});
export type FixSummary = z.infer<typeof FixSummarySchema>;

export const IncidentSchema = z.object({
  id: z.string(),
  source: IncidentSourceSchema,
  groupKey: z.string(),
  title: z.string(),
  status: IncidentStatusSchema,
  outcome: IncidentOutcomeSchema.nullable(),
  severity: SeveritySchema,
  target: TargetSchema,
  request: IncidentRequestSchema.nullable(),
  alerts: z.array(AlertSchema),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  resolvedAt: z.iso.datetime({ offset: true }).nullable(),
  stages: z.partialRecord(StageNameSchema, StageStateSchema),
  timeline: z.array(TimelineEntrySchema),
  detection: DetectionStatusSchema.nullable(),
  anomalies: z.array(AnomalySchema).nullable(),
  correlations: z.array(CorrelationSchema).nullable(),
  findings: z.array(FindingSchema).nullable(),
  rca: RcaResultSchema.nullable(),
  plan: PlanSchema.nullable(),
  fix: FixSummarySchema.nullable(),
  actions: z.array(ActionRecordSchema),
  notifications: z.array(NotificationRecordSchema),
});
export type Incident = z.infer<typeof IncidentSchema>;

/** The slots a stage may fill; each is stored on its own so stages never overwrite each other. */
export const IncidentSlotsSchema = IncidentSchema.pick({
  detection: true,
  anomalies: true,
  correlations: true,
  findings: true,
  rca: true,
  plan: true,
  fix: true,
  actions: true,
  notifications: true,
});
export type IncidentSlots = z.infer<typeof IncidentSlotsSchema>;
export type IncidentSlotName = keyof IncidentSlots;
