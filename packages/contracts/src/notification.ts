import { z } from 'zod';

export const NotificationLevelSchema = z.enum(['info', 'warning', 'critical', 'resolved']);
export type NotificationLevel = z.infer<typeof NotificationLevelSchema>;

/** What happened that people must hear about. */
export const NotificationEventSchema = z.enum([
  'fixed',
  'escalated',
  'failed',
  'resolved',
  'healthy',
  'capacity',
  'manual',
]);
export type NotificationEvent = z.infer<typeof NotificationEventSchema>;

export const NotificationRecordSchema = z.object({
  key: z.string().describe('incident id and event: a retried job never sends the same key twice'),
  channel: z.enum(['feishu', 'webhook', 'log']),
  event: NotificationEventSchema,
  level: NotificationLevelSchema,
  at: z.iso.datetime({ offset: true }),
  ok: z.boolean(),
  detail: z.string(),
});
export type NotificationRecord = z.infer<typeof NotificationRecordSchema>;
