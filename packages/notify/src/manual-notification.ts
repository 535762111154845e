import { type ManualNotifyJob, ManualNotifyJobSchema, type NotifyRequest } from '@aiops/contracts';

/** A message asked for through the API (`POST /api/v1/autofix/notify`); its `type` sets the level. */
export const ManualNotificationSchema = ManualNotifyJobSchema;
export type ManualNotification = ManualNotifyJob;
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
