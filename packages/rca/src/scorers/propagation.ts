import type { Evidence } from '@aiops/contracts';
import { type EntityState, isActiveAt, type RankingContext } from '../analysis/context';
import { entityLabel } from '../entity';
import { isoTime } from '../format';
import type { ScoredEntity, Scorer } from './scorer';

/**
 * Propagation on the dependency graph: a root cause explains the anomalies downstream of it (its callers,
 * its owners, the pods on a bad node) that began while its own anomaly was going on (not before it, not
 * minutes later), and has no anomalous dependency of its own that began first and was still going on.
 * Score = share of the anomaly (by strength) it explains, discounted by the strength of an anomalous
 * dependency that could have caused it instead.
 */
export const propagationScorer: Scorer = {
  name: 'propagation',
  weight: 0.25,
  score(context: RankingContext) {
    if (context.graph.edgeCount === 0) return null;
    const anomalous = new Map([...context.entities].filter(([, e]) => e.onset !== null));
    if (anomalous.size === 0) return null;
    const tolerance = 2 * context.stepMs;
    const total = [...anomalous.values()].reduce((sum, e) => sum + e.strength, 0);
    const results = new Map<string, ScoredEntity>();
    for (const state of anomalous.values()) {
      const reached = reachable(state, anomalous, context, tolerance);
      const explained = [...reached].reduce((sum, key) => sum + anomalous.get(key)!.strength, 0) / total;
      const causes = (context.graph.affectedBy.get(state.key) ?? [])
        .map((key) => anomalous.get(key))
        .filter(
          (dep): dep is EntityState =>
            dep !== undefined &&
            dep.onset! <= state.onset! + tolerance &&
            isActiveAt(dep, state.onset! + tolerance),
        );
      const blame = Math.max(0, ...causes.map((c) => c.strength));
      const downstream = [...reached].filter((key) => key !== state.key).map((key) => anomalous.get(key)!);
      const evidence: Evidence[] = [];
      if (downstream.length > 0) {
        evidence.push({
          kind: 'metric',
          source: 'dependency graph',
          text: `explains ${downstream.length} of ${anomalous.size - 1} other anomalous entities downstream: ${downstream
            .slice(0, 5)
            .map((e) => entityLabel(e.entity))
            .join(', ')}${downstream.length > 5 ? ', ...' : ''}`,
          at: isoTime(state.onset!),
        });
      }
      if (causes.length > 0) {
        evidence.push({
          kind: 'metric',
          source: 'dependency graph',
          text: `depends on anomalous ${causes.map((c) => entityLabel(c.entity)).join(', ')}, which began no later`,
          at: isoTime(Math.min(...causes.map((c) => c.onset!))),
        });
      }
      results.set(state.key, {
        score: explained * (1 - 0.75 * blame),
        note:
          causes.length > 0
            ? `downstream of anomalous ${entityLabel(causes[0]!.entity)}`
            : `explains ${downstream.length} anomalous dependent(s)`,
        evidence,
      });
    }
    return results;
  },
};

/** Effects reach the next hop within this long; a much later anomaly downstream has another cause. */
const MAX_LAG_MS = 3 * 60_000;

/** The entity and the anomalous entities its fault can reach, in onset order along the graph. */
function reachable(
  root: EntityState,
  anomalous: ReadonlyMap<string, EntityState>,
  context: RankingContext,
  tolerance: number,
): Set<string> {
  const seen = new Set([root.key]);
  const queue = [root];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const next of context.graph.affects.get(current.key) ?? []) {
      const state = anomalous.get(next);
      if (!state || seen.has(next)) continue;
      const lag = state.onset! - current.onset!;
      if (lag < -tolerance || lag > MAX_LAG_MS || !isActiveAt(current, state.onset! + tolerance)) continue;
      seen.add(next);
      queue.push(state);
    }
  }
  return seen;
}
