import { z } from 'zod';

/** RFC 3339 time as Alertmanager writes it; `0001-01-01T00:00:00Z` means "not yet ended". */
export const Rfc3339Schema = z.iso.datetime({ offset: true });

export const LabelSetSchema = z.record(z.string(), z.string());

export const AlertStatusSchema = z.enum(['firing', 'resolved']);

export const AlertSchema = z.looseObject({
  status: AlertStatusSchema,
  labels: LabelSetSchema,
  annotations: LabelSetSchema.default({}),
  startsAt: Rfc3339Schema,
  endsAt: Rfc3339Schema,
  generatorURL: z.string().default(''),
  fingerprint: z.string().min(1),
});
export type Alert = z.infer<typeof AlertSchema>;

/** Alertmanager webhook body, version 4. Unknown fields (added by newer Alertmanagers) are kept. */
export const AlertmanagerWebhookSchema = z.looseObject({
  version: z.literal('4'),
  groupKey: z.string().min(1),
  truncatedAlerts: z.number().int().min(0).default(0),
  status: AlertStatusSchema,
  receiver: z.string(),
  groupLabels: LabelSetSchema.default({}),
  commonLabels: LabelSetSchema.default({}),
  commonAnnotations: LabelSetSchema.default({}),
  externalURL: z.string().default(''),
  alerts: z.array(AlertSchema).min(1),
});
export type AlertmanagerWebhook = z.infer<typeof AlertmanagerWebhookSchema>;

/** The zero time Alertmanager uses for an alert that has not ended. */
export const ALERT_NOT_ENDED = '0001-01-01T00:00:00Z';
