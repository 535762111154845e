import { entityLabel } from '../entity';
import { isoTime } from '../format';
import type { RankingResult } from '../rank';

/** The summary used whenever the LLM is absent, slow or wrong: built from the ranking alone. */
export function deterministicSummary(ranking: RankingResult): string {
  const { candidates, context } = ranking;
  const anomalous = [...context.entities.values()].filter((e) => e.onset !== null).length;
  const top = candidates[0];
  if (!top) {
    return `No root cause found: none of the ${context.analyses.length} metric series departed from its baseline, and no change or Kubernetes event points at a resource.`;
  }
  const began =
    context.onset !== null
      ? ` The incident began at ${isoTime(context.onset)}`
      : ' No metric anomaly was found';
  const others = candidates
    .slice(1, 3)
    .map((c) => `${entityLabel(c.resource)} (${c.confidence.toFixed(2)})`)
    .join(', ');
  return `Most likely root cause: ${entityLabel(top.resource)} (confidence ${top.confidence.toFixed(2)}): ${top.reason}.${began}; ${anomalous} of ${context.entities.size} entities were anomalous.${others ? ` Next candidates: ${others}.` : ''}`;
}
