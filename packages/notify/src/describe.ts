import type { ResourceRef, Target } from '@aiops/contracts';

/** `deployment shop/api`: how people name a Kubernetes object. */
export function describeResource(ref: ResourceRef): string {
  return `${ref.kind.toLowerCase()} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

export function describeTarget(target: Target): string {
  if (target.kind === 'cluster') return 'the cluster';
  if (target.kind === 'node') return `node ${target.node ?? target.name ?? '?'}`;
  if (target.kind === 'namespace') return `namespace ${target.namespace ?? target.name ?? '?'}`;
  const name = target.name ?? target.pod ?? '?';
  const container = target.container ? ` (container ${target.container})` : '';
  return `${target.kind} ${target.namespace ? `${target.namespace}/` : ''}${name}${container}`;
}
