import { z } from 'zod';
import { ActionRecordSchema } from '../action';
import { FindingSchema } from '../finding';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A namespace's name: a DNS label (RFC 1123), as Kubernetes requires. */
export const K8sNamespaceSchema = z
  .string()
  .regex(DNS_LABEL, 'must be a namespace name: lower-case letters, digits and "-"')
  .max(63, 'must be at most 63 characters');

/** An object's name (a Deployment's): a DNS subdomain (RFC 1123), so dots are allowed. */
export const K8sNameSchema = z
  .string()
  .regex(DNS_SUBDOMAIN, 'must be a Kubernetes name: lower-case letters, digits, "-" and "."')
  .max(253, 'must be at most 253 characters');

export const AutofixRequestSchema = z.object({
  deployment: K8sNameSchema,
  namespace: K8sNamespaceSchema.default('default'),
  event: z.string().max(4000).default(''),
  force: z.boolean().default(false).describe('apply changes the policy otherwise only proposes'),
});
export type AutofixRequest = z.infer<typeof AutofixRequestSchema>;

export const AutofixStatusSchema = z.enum(['fixed', 'healthy', 'escalated', 'proposed', 'failed', 'refused']);

/** The seed's autofix answer, with the findings and audit records added. */
export const AutofixDataSchema = z.object({
  status: AutofixStatusSchema,
  deployment: z.string(),
  namespace: z.string(),
  actions_taken: z.array(z.string()),
  success: z.boolean(),
  error_message: z.string(),
  findings: z.array(FindingSchema),
  audit: z.array(ActionRecordSchema),
});
export type AutofixData = z.infer<typeof AutofixDataSchema>;

/** 202 from `POST /api/v1/autofix` when the fix outlasts AUTOFIX_API_WAIT_S: where to follow it. */
export const AutofixPendingSchema = z.object({
  incident_id: z.string(),
  incident_url: z.string(),
});
export type AutofixPending = z.infer<typeof AutofixPendingSchema>;

export const DiagnoseRequestSchema = z.object({
  namespace: K8sNamespaceSchema.default('default'),
  deployment: K8sNameSchema.optional(),
});

export const DiagnoseDataSchema = z.object({
  namespace: z.string(),
  healthy: z.boolean(),
  findings: z.array(FindingSchema),
});
export type DiagnoseData = z.infer<typeof DiagnoseDataSchema>;

export const AutofixHealthDataSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  cluster: z.object({
    reachable: z.boolean(),
    server: z.string(),
    version: z.string().optional(),
    error: z.string().optional(),
  }),
  policy: z.object({ allowedNamespaces: z.array(z.string()), dryRunFirst: z.boolean() }),
  llm: z.object({ configured: z.boolean(), model: z.string().optional() }),
  notification: z.object({ enabled: z.boolean(), channels: z.array(z.string()) }),
});
