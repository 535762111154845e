import { isActiveAt, type RankingContext } from '../analysis/context';
import { formatOffset, isoTime } from '../format';
import type { ScoredEntity, Scorer } from './scorer';

/**
 * Earliest anomaly first: a fault shows where it starts before it reaches the callers.
 * Scores by rank rather than by time gap, so one early noisy series does not flatten everyone else:
 * 1 / (1 + the number of entities that began more than one sampling step earlier with an anomaly at least
 * half as strong and still going on): a faint wander that happens to start first, or a blip (a batch
 * job's burst, a rollout's start-up) that was over before, does not demote a strong anomaly.
 */
export const onsetOrderScorer: Scorer = {
  name: 'onset-order',
  weight: 0.2,
  score(context: RankingContext) {
    const anomalous = [...context.entities.values()].filter((e) => e.onset !== null);
    if (anomalous.length === 0 || context.onset === null) return null;
    const tolerance = context.stepMs;
    const results = new Map<string, ScoredEntity>();
    for (const state of anomalous) {
      const onset = state.onset!;
      const earlier = anomalous.filter(
        (other) =>
          other.onset! < onset - tolerance &&
          other.strength >= 0.5 * state.strength &&
          isActiveAt(other, onset),
      ).length;
      const first = state.signals.find((s) => s.onset === onset) ?? state.signals[0]!;
      const offset = formatOffset(onset - context.onset);
      results.set(state.key, {
        score: 1 / (1 + earlier),
        note: earlier === 0 ? `first anomaly (${first.metric})` : `anomalous after ${earlier} other(s)`,
        evidence: [
          {
            kind: 'metric',
            source: first.metric,
            text: `${first.metric} went ${first.direction} at ${isoTime(onset)} (${offset} from the incident onset; ${earlier} entit${earlier === 1 ? 'y' : 'ies'} earlier)`,
            at: isoTime(onset),
          },
        ],
      });
    }
    return results;
  },
};
