import { tryParseQuantity } from '@aiops/contracts';
import { COMPUTE_RESOURCES, podRequests } from '../analyzers/resources-unschedulable';
import { formatCpu, formatMemory } from '../quantity';
import { freeCapacity, observedUsage } from './capacity';
import { copyOf, type Fixer } from './fixer';

/** Pods that must fit at once during a rolling update: the replicas and the surge (25% by default). */
function podsAtOnce(replicas: number, maxSurge: string | number | undefined): number {
  const text = String(maxSurge ?? '25%');
  const surge = text.endsWith('%') ? Math.ceil((replicas * Number.parseInt(text, 10)) / 100) : Number(text);
  return replicas + Math.max(1, surge);
}

/**
 * Lowers CPU and memory requests that fit no node to what the best node has room for (replicas plus surge),
 * never below observed usage. Extended resources (GPUs...) are never lowered: that is escalated.
 */
export const requestsFixer: Fixer = {
  category: 'resources-unschedulable',
  async fix({ finding, container, workload }) {
    if (!finding.fixable) return { refused: finding.message };
    const spec = workload.deployment.spec;
    const slots = podsAtOnce(spec?.replicas ?? 1, spec?.strategy?.rollingUpdate?.maxSurge);
    const podTotal = podRequests(spec?.template.spec);
    const changed = copyOf(container);
    const notes: string[] = [];
    for (const resource of COMPUTE_RESOURCES) {
      const current = tryParseQuantity(changed.resources?.requests?.[resource]);
      const total = podTotal.get(resource);
      if (current === undefined || !total) continue;
      const best = Math.max(...(await freeCapacity(workload, resource)).map((c) => c.free));
      if (total <= best / slots) continue;
      // This container's share of what one pod may request, rounded down to a readable unit.
      const share = ((best / slots) * current) / total;
      const target =
        resource === 'cpu' ? Math.floor(share * 100) / 100 : Math.floor(share / 2 ** 20) * 2 ** 20;
      const usage = await observedUsage(workload, container.name, resource as 'cpu' | 'memory');
      if (usage !== undefined && target < usage) {
        return {
          refused: `${resource} request would fall below observed usage (${usage}); the nodes are too small`,
        };
      }
      if (target <= 0) return { refused: `no node has ${resource} left for ${workload.name}` };
      const text = resource === 'cpu' ? formatCpu(target) : formatMemory(target);
      changed.resources = {
        ...changed.resources,
        requests: { ...changed.resources?.requests, [resource]: text },
      };
      notes.push(`${resource} request ${container.resources?.requests?.[resource]} → ${text}`);
    }
    if (notes.length === 0) return { refused: 'the requests fit a node now' };
    return {
      container: changed,
      description: `${notes.join(', ')} (fits ${slots} pods on the largest node)`,
    };
  },
};
