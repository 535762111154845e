import { envBoolean, envInt } from '@aiops/runtime';
import { z } from 'zod';

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );

/** Cluster access and the fix policy, from the environment (names as in the seed where it had them). */
export const KubeEnvSchema = z.object({
  /** A kubeconfig file; the standard KUBECONFIG, then ~/.kube/config, then in-cluster are tried otherwise. */
  K8S_CONFIG_PATH: z.string().optional(),
  KUBECONFIG: z.string().optional(),
  K8S_IN_CLUSTER: envBoolean(false),
  /** Namespaces the fixer may change ("*" for all); protected ones are refused even so. */
  AUTOFIX_NAMESPACES: list('*'),
  AUTOFIX_PROTECTED_NAMESPACES: list('kube-system,kube-public,kube-node-lease'),
  /** Bound on replicas a fix may set. */
  AUTOFIX_MAX_REPLICAS: envInt(20, 1, 1000),
  /** Rounds of diagnose, fix, verify for faults that show only once another is fixed. */
  AUTOFIX_MAX_ROUNDS: envInt(3, 1, 10),
  /** How long a rollout may take to have every replica Ready, in seconds. */
  AUTOFIX_VERIFY_TIMEOUT_S: envInt(180, 5, 3600),
  /** How long a rollout must stay complete, without a restart, to count as fixed, in seconds. */
  AUTOFIX_SETTLE_S: envInt(30, 0, 3600),
  /** What the pipeline's fix stage does: apply fixes, or only propose them (server dry-run). */
  AUTOFIX_MODE: z.enum(['apply', 'propose']).default('apply'),
});
export type KubeEnv = z.infer<typeof KubeEnvSchema>;
