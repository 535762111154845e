import type { V1Node } from '@kubernetes/client-node';
import { allocatable, podRequests } from '../analyzers/resources-unschedulable';
import type { Workload } from '../workload';

/** What each node has left for this workload: allocatable minus what other workloads' pods request there. */
export async function freeCapacity(
  workload: Workload,
  resource: string,
): Promise<{ node: V1Node; free: number }[]> {
  const ownPods = new Set(workload.pods.map((p) => p.metadata?.uid));
  return Promise.all(
    workload.nodes
      .filter((n) => !n.spec?.unschedulable)
      .map(async (node) => {
        const pods = await workload.cluster.listPodsOnNode(node.metadata?.name ?? '');
        const used = pods
          .filter(
            (p) => !ownPods.has(p.metadata?.uid) && !['Succeeded', 'Failed'].includes(p.status?.phase ?? ''),
          )
          .reduce((sum, p) => sum + (podRequests(p.spec).get(resource) ?? 0), 0);
        return { node, free: allocatable(node, resource) - used };
      }),
  );
}

/** Highest usage seen for a container across the workload's pods, when the cluster reports usage. */
export async function observedUsage(
  workload: Workload,
  container: string,
  resource: 'cpu' | 'memory',
): Promise<number | undefined> {
  const usage = await workload.cluster.podUsage(workload.namespace);
  if (!usage) return undefined;
  const seen = workload.pods
    .map((p) => usage.get(p.metadata?.name ?? '')?.get(container)?.[resource])
    .filter((v): v is number => v !== undefined);
  return seen.length > 0 ? Math.max(...seen) : undefined;
}
