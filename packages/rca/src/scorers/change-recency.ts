import type { Evidence } from '@aiops/contracts';
import { isActiveAfter, type RankingContext } from '../analysis/context';
import { entityKey, entityLabel } from '../entity';
import { formatOffset, isoTime } from '../format';
import type { ChangeKind } from '../input';
import type { ScoredEntity, Scorer } from './scorer';

const CHANGE_WEIGHTS: Record<ChangeKind, number> = { rollout: 1, config: 0.9, scale: 0.5 };
/** A change's suspicion halves every this long before the onset. */
const HALF_LIFE_MS = 5 * 60_000;
const HORIZON_MS = 60 * 60_000;
/** A change on an owner, owned pod or selecting service counts for a little less. */
const RELATED_FACTOR = 0.9;
/** A change with no anomaly on its entity or anywhere it can reach after it settled is probably harmless. */
const QUIET_FACTOR = 0.3;
/** A rollout's own start-up blip (new pods warming up) is over by then. */
const SETTLE_MS = 2 * 60_000;

/**
 * Recent changes (rollouts, config changes, scaling): a rollout just before the onset is a prime suspect,
 * unless nothing it can reach is still anomalous once it settled (a start-up blip is not an incident).
 * The onset is the entity's own when it is anomalous, else the incident's. A change after the onset is a
 * reaction (an autoscaler), not a cause, and only goes into the evidence.
 */
export const changeRecencyScorer: Scorer = {
  name: 'change-recency',
  weight: 0.15,
  score(context: RankingContext) {
    const changes = context.events.filter((e) => e.kind in CHANGE_WEIGHTS);
    if (changes.length === 0) return null;
    const incidentOnset = context.onset ?? context.alertTime;
    const results = new Map<string, ScoredEntity>();
    const credit = (key: string, score: number, note: string, evidence: Evidence) => {
      const current = results.get(key);
      if (!current) {
        results.set(key, { score, note, evidence: [evidence] });
        return;
      }
      current.evidence.push(evidence);
      if (score > current.score) {
        current.score = score;
        current.note = note;
      }
    };
    for (const change of changes) {
      const key = entityKey(change.entity);
      const onset = context.entities.get(key)?.onset ?? incidentOnset;
      const lead = onset - change.time;
      const label = entityLabel(change.entity);
      const evidenceBase = { kind: 'change' as const, source: label, at: isoTime(change.time) };
      const detail = change.detail ? `: ${change.detail}` : '';
      if (lead < -context.stepMs || lead > HORIZON_MS) {
        credit(key, 0, `${change.kind} after the onset`, {
          ...evidenceBase,
          text: `${change.kind} of ${label} ${formatOffset(-lead).slice(1)} ${lead < 0 ? 'after' : 'before'} the onset${detail} (${lead < 0 ? 'a reaction, not a cause' : 'too long ago to matter'})`,
        });
        continue;
      }
      const recency = 0.5 ** (Math.max(0, lead) / HALF_LIFE_MS);
      // Near the end of the data there is no telling whether it settled: look from a little earlier.
      const settled = Math.min(change.time + SETTLE_MS, context.end - SETTLE_MS);
      const quiet = blastRadiusQuiet(key, context, settled) ? QUIET_FACTOR : 1;
      const score = CHANGE_WEIGHTS[change.kind as ChangeKind] * recency * quiet;
      const ago = formatOffset(Math.max(0, lead)).slice(1);
      const note = `${change.kind} ${ago} before the onset`;
      const evidence = {
        ...evidenceBase,
        text: `${change.kind} of ${label} ${ago} before its onset${detail}`,
      };
      credit(key, score, note, evidence);
      for (const related of context.graph.related.get(key) ?? []) {
        credit(related, score * RELATED_FACTOR, `${note} (on ${label})`, evidence);
      }
    }
    return results;
  },
};

/** Whether nothing the change can reach (its entity, what it affects, its owner or pods) is anomalous from a time on. */
function blastRadiusQuiet(key: string, context: RankingContext, from: number): boolean {
  const near = [key, ...(context.graph.affects.get(key) ?? []), ...(context.graph.related.get(key) ?? [])];
  return near.every((k) => {
    const state = context.entities.get(k);
    return !state || state.onset === null || !isActiveAfter(state, from);
  });
}
