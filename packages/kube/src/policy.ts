import type { FieldChange } from '@aiops/contracts';
import type { KubeEnv } from './env';

export interface FixPolicy {
  allowedNamespaces: string[];
  protectedNamespaces: string[];
  maxReplicas: number;
}

export function policyFromEnv(env: KubeEnv): FixPolicy {
  return {
    allowedNamespaces: env.AUTOFIX_NAMESPACES,
    protectedNamespaces: env.AUTOFIX_PROTECTED_NAMESPACES,
    maxReplicas: env.AUTOFIX_MAX_REPLICAS,
  };
}

/** Why the namespace may not be changed, or null when it may. */
export function namespaceRefusal(policy: FixPolicy, namespace: string): string | null {
  if (policy.protectedNamespaces.includes(namespace))
    return `namespace ${namespace} is protected: the fixer never changes it`;
  if (!policy.allowedNamespaces.includes('*') && !policy.allowedNamespaces.includes(namespace)) {
    return `namespace ${namespace} is not in AUTOFIX_NAMESPACES (${policy.allowedNamespaces.join(', ')})`;
  }
  return null;
}

const CONTAINER = String.raw`spec\.template\.spec\.containers\[[^\]]+\]`;

/** The only fields a fix may touch: probes, CPU and memory, replicas. Never image, command, args, env, secrets. */
const ALLOWED = [
  new RegExp(`^${CONTAINER}\\.(readinessProbe|livenessProbe|startupProbe)(\\..+)?$`),
  new RegExp(`^${CONTAINER}\\.resources\\.(requests|limits)\\.(cpu|memory)$`),
  /^spec\.replicas$/,
];

/** Every change outside what the policy allows, each as a sentence. Empty when the change may go ahead. */
export function changeViolations(policy: FixPolicy, changes: FieldChange[]): string[] {
  const violations: string[] = [];
  for (const change of changes) {
    if (!ALLOWED.some((pattern) => pattern.test(change.path))) {
      violations.push(`${change.path} may not be changed by a fix`);
      continue;
    }
    if (change.path === 'spec.replicas') {
      const replicas = Number(change.after);
      if (!Number.isInteger(replicas) || replicas < 1 || replicas > policy.maxReplicas) {
        violations.push(`replicas ${String(change.after)} outside 1..${policy.maxReplicas}`);
      }
    }
  }
  return violations;
}
