import type { Target } from '@aiops/contracts';

/** `<deployment>-<replicaset hash>-<pod suffix>`, as the Deployment controller names pods. */
const DEPLOYMENT_POD = /^(?<deployment>[a-z0-9]([-a-z0-9]*[a-z0-9])?)-[a-z0-9]{5,10}-[a-z0-9]{5}$/;

/** What an alert is about, from the labels kube-state-metrics, cAdvisor and node-exporter put on it. */
export function targetFromLabels(labels: Record<string, string>): Target {
  const namespace = labels.namespace || labels.exported_namespace || undefined;
  const pod = labels.pod || undefined;
  const container = labels.container || undefined;
  const common = { namespace, pod, container };
  for (const kind of ['deployment', 'statefulset', 'daemonset'] as const) {
    const name = labels[kind];
    if (name) return { kind, name, ...common };
  }
  if (pod) {
    const owner = DEPLOYMENT_POD.exec(pod)?.groups?.deployment;
    return owner ? { kind: 'deployment', name: owner, ...common } : { kind: 'pod', name: pod, ...common };
  }
  if (labels.service) return { kind: 'service', name: labels.service, namespace };
  const node = labels.node || labels.nodename;
  if (node) return { kind: 'node', name: node, node };
  if (namespace) return { kind: 'namespace', name: namespace, namespace };
  return { kind: 'cluster' };
}

/** Identity of a target for grouping: alerts with the same key belong to one incident. */
export function targetKey(target: Target): string {
  return [target.kind, target.namespace ?? '', target.name ?? ''].join('/');
}

export function describeTarget(target: Target): string {
  if (target.kind === 'cluster') return 'the cluster';
  const where = target.namespace && target.kind !== 'namespace' ? `${target.namespace}/` : '';
  return `${target.kind} ${where}${target.name ?? ''}`;
}
