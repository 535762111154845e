import type { Target } from '@aiops/contracts';
import { escapeRegex } from './promql/escape';
import type { LabelMatcher } from './promql/query-template';

/**
 * Which series belong to a target, in label terms. Pod-level metrics (kube-state-metrics, cAdvisor, the
 * services' own request metrics) carry namespace and pod; node-level ones carry node.
 */
export type TargetScope =
  | {
      level: 'pods';
      /** Matchers on namespace and pod. */
      pods: LabelMatcher[];
      /** Extra matchers for per-container metrics (a target that names a container). */
      container: LabelMatcher[];
      /** The labels each answer is broken down by. */
      by: string[];
      /** The owning workload, for its own kube-state-metrics series. */
      workload?: { kind: 'deployment' | 'daemonset'; namespace?: string; name: string };
    }
  | { level: 'node'; node: string };

/** Pod names a workload controller gives its pods. */
const POD_NAME_PATTERN: Record<
  'deployment' | 'statefulset' | 'daemonset' | 'service',
  (name: string) => string
> = {
  // <deployment>-<replicaset hash>-<pod suffix>
  deployment: (name) => `${escapeRegex(name)}-[a-z0-9]+-[a-z0-9]+`,
  // <statefulset>-<ordinal>
  statefulset: (name) => `${escapeRegex(name)}-[0-9]+`,
  // <daemonset>-<suffix>
  daemonset: (name) => `${escapeRegex(name)}-[a-z0-9]+`,
  // A service has no pods of its own: take the pods named after it, as its workload usually is.
  service: (name) => `${escapeRegex(name)}-.+`,
};

/** The label scope of an incident target. A target without the name its kind needs falls back to its namespace. */
export function targetScope(target: Target): TargetScope {
  const namespace = target.namespace;
  const inNamespace: LabelMatcher[] = namespace ? [{ label: 'namespace', op: '=', value: namespace }] : [];
  const container: LabelMatcher[] = target.container
    ? [{ label: 'container', op: '=', value: target.container }]
    : [];
  const byPod = target.container ? ['namespace', 'pod', 'container'] : ['namespace', 'pod'];
  switch (target.kind) {
    case 'node': {
      const node = target.node ?? target.name;
      if (node) return { level: 'node', node };
      break;
    }
    case 'pod': {
      const pod = target.pod ?? target.name;
      if (!pod) break;
      return {
        level: 'pods',
        pods: [...inNamespace, { label: 'pod', op: '=', value: pod }],
        container,
        by: byPod,
      };
    }
    case 'deployment':
    case 'statefulset':
    case 'daemonset':
    case 'service': {
      const name = target.name;
      if (!name) break;
      const workloadKind =
        target.kind === 'deployment' || target.kind === 'daemonset' ? target.kind : undefined;
      return {
        level: 'pods',
        pods: [...inNamespace, { label: 'pod', op: '=~', value: POD_NAME_PATTERN[target.kind](name) }],
        container,
        by: byPod,
        ...(workloadKind ? { workload: { kind: workloadKind, namespace, name } } : {}),
      };
    }
    case 'namespace': {
      const ns = namespace ?? target.name;
      if (!ns) break;
      return { level: 'pods', pods: [{ label: 'namespace', op: '=', value: ns }], container, by: byPod };
    }
    case 'cluster':
      return { level: 'pods', pods: [], container, by: ['namespace'] };
  }
  if (namespace) return { level: 'pods', pods: inNamespace, container, by: byPod };
  return { level: 'pods', pods: [], container, by: ['namespace'] };
}
