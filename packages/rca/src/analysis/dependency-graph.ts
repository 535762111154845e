import { entityKey } from '../entity';
import type { DependencyEdge } from '../input';

/**
 * The dependency edges turned into the direction faults travel: a callee's fault shows on its callers,
 * a pod's on the deployment owning it and the service selecting it, a node's on the pods running on it.
 */
export interface DependencyGraph {
  /** Where a fault of this entity shows up next. */
  affects: ReadonlyMap<string, readonly string[]>;
  /** Whose faults show up on this entity: the reverse of `affects`. */
  affectedBy: ReadonlyMap<string, readonly string[]>;
  /** Owner and owned, selector and selected, both ways: they share changes and Kubernetes events. */
  related: ReadonlyMap<string, readonly string[]>;
  hasCallGraph: boolean;
  edgeCount: number;
}

export function buildDependencyGraph(edges: readonly DependencyEdge[]): DependencyGraph {
  const affects = new Map<string, Set<string>>();
  const affectedBy = new Map<string, Set<string>>();
  const related = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, from: string, to: string) => {
    if (from === to) return;
    let set = map.get(from);
    if (!set) {
      set = new Set();
      map.set(from, set);
    }
    set.add(to);
  };
  for (const edge of edges) {
    const from = entityKey(edge.from);
    const to = entityKey(edge.to);
    // Every edge kind points from the entity that shows the fault to the one it comes from.
    add(affects, to, from);
    add(affectedBy, from, to);
    if (edge.kind === 'owns' || edge.kind === 'selects') {
      add(related, from, to);
      add(related, to, from);
    }
  }
  return {
    affects: sortedLists(affects),
    affectedBy: sortedLists(affectedBy),
    related: sortedLists(related),
    hasCallGraph: edges.some((e) => e.kind === 'calls'),
    edgeCount: edges.length,
  };
}

function sortedLists(map: Map<string, Set<string>>): Map<string, string[]> {
  return new Map([...map].map(([key, set]) => [key, [...set].sort()]));
}
