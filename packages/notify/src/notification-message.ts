import {
  IncidentSourceSchema,
  IncidentStatusSchema,
  NotificationEventSchema,
  NotificationLevelSchema,
  SeveritySchema,
} from '@aiops/contracts';
import { z } from 'zod';

export const CauseLineSchema = z.object({
  rank: z.number().int().min(1),
  resource: z.string(),
  confidence: z.number().min(0).max(1).nullable(),
  reason: z.string(),
});
export type CauseLine = z.infer<typeof CauseLineSchema>;

export const MessageFixSchema = z.object({
  summary: z.string(),
  /** Each change the system made or proposed, as a unified-style diff of the changed fields. */
  diff: z.string(),
  applied: z.boolean().describe('false when the fix was only planned or refused'),
});
export type MessageFix = z.infer<typeof MessageFixSchema>;

export const VerificationSchema = z.object({
  outcome: z.enum(['verified', 'not-verified', 'failed', 'rolled-back']),
  detail: z.string(),
});
export type Verification = z.infer<typeof VerificationSchema>;

/** One thing a person must do because the system could not, or may not, do it. */
export const HumanHelpItemSchema = z.object({
  subject: z.string().describe('the finding or resource it is about'),
  problem: z.string(),
  blocked: z.string().describe('why the system did not fix it'),
  action: z.string().describe('what a person must do'),
});
export type HumanHelpItem = z.infer<typeof HumanHelpItemSchema>;

/**
 * One notification, independent of the channel that carries it: Feishu renders it as a card (or text), the
 * generic webhook posts it as JSON as it is.
 */
export const NotificationMessageSchema = z.object({
  version: z.literal(1),
  key: z.string().describe('the exactly-once key: incident id (and run) and event, or manual:<request id>'),
  event: NotificationEventSchema,
  level: NotificationLevelSchema,
  title: z.string(),
  headline: z.string().describe('one line: what happened and what it means for people'),
  summary: z.string(),
  incident: z
    .object({
      id: z.string(),
      source: IncidentSourceSchema,
      severity: SeveritySchema,
      status: IncidentStatusSchema,
      target: z.string(),
      alerts: z.number().int().min(0),
      createdAt: z.iso.datetime({ offset: true }),
    })
    .nullable(),
  causes: z.array(CauseLineSchema),
  fix: MessageFixSchema.nullable(),
  verification: VerificationSchema.nullable(),
  humanHelp: z.array(HumanHelpItemSchema),
  report: z.string().describe('the RCA report (markdown); empty when there is none'),
  links: z.object({ incident: z.url().nullable() }),
  truncated: z.boolean().describe('parts were cut to fit the channel; the incident link has the whole'),
  at: z.iso.datetime({ offset: true }),
});
export type NotificationMessage = z.infer<typeof NotificationMessageSchema>;
