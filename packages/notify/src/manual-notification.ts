import { ManualNotifyJobSchema, type NotifyRequest, NotifyRequestSchema } from '@aiops/contracts';
import type { z } from 'zod';

/**
 * A message asked for through the API (`POST /api/v1/autofix/notify`): the manual job plus the request's
 * `type`, which sets the level (the contracts' job has no field for it yet, so parse jobs with this schema).
 */
export const ManualNotificationSchema = ManualNotifyJobSchema.extend({
  type: NotifyRequestSchema.shape.type.unwrap().optional(),
});
export type ManualNotification = z.infer<typeof ManualNotificationSchema>;
export type ManualType = NonNullable<ManualNotification['type']>;
export type ManualUrgency = ManualNotification['urgency'];

/** The event a request's type announces: a call for human help is an escalation, the rest a plain message. */
export function manualEventFor(type: ManualType): ManualNotification['event'] {
  if (type === 'human_help') return 'escalated';
  if (type === 'resolved') return 'resolved';
  return 'manual';
}

const DEFAULT_TITLES: Record<ManualType, string> = {
  info: 'Information',
  warning: 'Warning',
  critical: 'Critical',
  resolved: 'Resolved',
  human_help: 'Human help needed',
};

/** The job the API enqueues for a validated `POST /api/v1/autofix/notify` body. */
export function manualNotificationFromRequest(request: NotifyRequest, requestId: string): ManualNotification {
  return {
    requestId,
    event: manualEventFor(request.type),
    title: request.title ?? DEFAULT_TITLES[request.type],
    message: request.message,
    urgency: request.urgency,
    type: request.type,
  };
}
