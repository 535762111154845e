import { KubeEnvSchema } from '@aiops/kube';
import { NotifyEnvSchema } from '@aiops/notify';
import { envInt, LlmEnvSchema } from '@aiops/runtime';
import { z } from 'zod';

const secret = (min: number) => z.string().min(min, `must be at least ${min} characters`).optional();

export const IngressEnvSchema = z.object({
  PORT: envInt(8080, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  /** Alertmanager's `http_config.authorization.credentials` (Bearer). */
  WEBHOOK_TOKEN: secret(16),
  /** Or Alertmanager's `http_config.basic_auth`. */
  WEBHOOK_BASIC_USER: z.string().optional(),
  WEBHOOK_BASIC_PASSWORD: secret(12),
  /** Bearer token for the endpoints that act: autofix, workflow, notify. */
  API_TOKEN: secret(16),
  /** Bearer token for the endpoints that read (incidents, audit, predictions, RCA); unset, they are open. */
  READ_TOKEN: secret(16),
  DASHBOARD_USER: z.string().default('admin'),
  DASHBOARD_PASSWORD: secret(12),
  WEBHOOK_MAX_BYTES: envInt(1024 * 1024, 1024, 64 * 1024 * 1024),
  /** Largest body of the other API requests (autofix, workflow, notify, predict, RCA): all are small. */
  API_MAX_BYTES: envInt(256 * 1024, 1024, 64 * 1024 * 1024),
  /** How long POST /api/v1/autofix waits for the fix stage before answering 202 with the incident to follow. */
  AUTOFIX_API_WAIT_S: envInt(600, 1, 3600),
  /** Longest window POST /api/v1/rca accepts. */
  RCA_MAX_WINDOW_HOURS: envInt(24, 1, 24 * 31),
  ...KubeEnvSchema.shape,
  ...NotifyEnvSchema.shape,
  ...LlmEnvSchema.shape,
});
export type IngressEnv = z.infer<typeof IngressEnvSchema>;
