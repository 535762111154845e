import { tryParseQuantity } from '@aiops/contracts';
import { allocatable } from '../analyzers/resources-unschedulable';
import { formatMemory } from '../quantity';
import { observedUsage } from './capacity';
import { copyOf, type Fixer } from './fixer';

/**
 * Raises the memory limit of an OOMKilled container: to 1.25 × the observed working set where the cluster
 * reports it, else double, and never above what the largest node can allocate.
 */
export const memoryLimitFixer: Fixer = {
  category: 'oom-killed',
  async fix({ container, workload }) {
    const limit = tryParseQuantity(container.resources?.limits?.memory);
    if (limit === undefined) return { refused: 'the container has no memory limit to raise' };
    const ceiling = Math.max(0, ...workload.nodes.map((n) => allocatable(n, 'memory')));
    const usage = await observedUsage(workload, container.name, 'memory');
    const wanted = Math.max(2 * limit, 1.25 * (usage ?? 0));
    const next = Math.min(wanted, ceiling);
    if (next <= limit)
      return {
        refused: `the memory limit is already at the largest node's allocatable (${formatMemory(ceiling)})`,
      };
    const changed = copyOf(container);
    const text = formatMemory(next);
    changed.resources = { ...changed.resources, limits: { ...changed.resources?.limits, memory: text } };
    return {
      container: changed,
      description: `memory limit ${container.resources?.limits?.memory} → ${text}${usage ? ` (observed ${formatMemory(usage)})` : ''}`,
    };
  },
};
