import type { Evidence } from '@aiops/contracts';
import type { RankingContext } from '../analysis/context';
import { restartRises } from '../analysis/restart-rises';
import { entityKey, entityLabel } from '../entity';
import { formatNumber, isoTime } from '../format';
import type { KubernetesEventKind } from '../input';
import type { ScoredEntity, Scorer } from './scorer';

/** How strongly each kind of Kubernetes event points at the entity it happened to. */
const EVENT_WEIGHTS: Record<KubernetesEventKind, number> = {
  oom: 0.9,
  crash: 0.8,
  'failed-scheduling': 0.8,
  'image-pull': 0.8,
  restart: 0.6,
  'probe-failure': 0.5,
};
export const RESTART_COUNTER_WEIGHT = 0.6;
/** Events on an owner, owned pod or selecting service count for a little less. */
const RELATED_FACTOR = 0.8;
/** Events this long before the onset are history, not evidence. */
const HISTORY_MS = 10 * 60_000;

/** Where Kubernetes evidence starts to count: events and restarts before it are history. */
export function evidenceFrom(context: RankingContext): number {
  return (context.onset ?? context.alertTime) - HISTORY_MS;
}

/**
 * Kubernetes evidence (OOMKilled, crashes, probe failures, FailedScheduling, image pulls, restarts) from
 * events and from restart counters that went up, combined per entity as a noisy-or.
 */
export const kubernetesEvidenceScorer: Scorer = {
  name: 'kubernetes-evidence',
  weight: 0.15,
  score(context: RankingContext) {
    const from = evidenceFrom(context);
    const findings: { key: string; weight: number; evidence: Evidence; kind: string }[] = [];
    for (const event of context.events) {
      if (!(event.kind in EVENT_WEIGHTS) || event.time < from) continue;
      const weight = EVENT_WEIGHTS[event.kind as KubernetesEventKind];
      const label = entityLabel(event.entity);
      findings.push({
        key: entityKey(event.entity),
        weight,
        kind: event.kind,
        evidence: {
          kind: 'event',
          source: label,
          text: `${event.kind} on ${label}${event.detail ? `: ${event.detail}` : ''}`,
          at: isoTime(event.time),
        },
      });
    }
    for (const { analysis, firstRiseIndex, increase } of restartRises(context.analyses, from)) {
      const { series } = analysis;
      const label = entityLabel(series.entity);
      const at = isoTime(series.timestamps[firstRiseIndex]!);
      findings.push({
        key: entityKey(series.entity),
        weight: RESTART_COUNTER_WEIGHT,
        kind: 'restart',
        evidence: {
          kind: 'status',
          source: `${label} ${series.metric}`,
          text: `${series.metric} went up by ${formatNumber(increase)} since ${at}`,
          at,
        },
      });
    }
    if (findings.length === 0) return null;

    const perEntity = new Map<string, { miss: number; kinds: Set<string>; evidence: Evidence[] }>();
    const credit = (key: string, weight: number, kind: string, evidence: Evidence) => {
      const entry = perEntity.get(key) ?? { miss: 1, kinds: new Set<string>(), evidence: [] };
      entry.miss *= 1 - weight;
      entry.kinds.add(kind);
      entry.evidence.push(evidence);
      perEntity.set(key, entry);
    };
    for (const finding of findings) {
      credit(finding.key, finding.weight, finding.kind, finding.evidence);
      for (const related of context.graph.related.get(finding.key) ?? []) {
        credit(related, finding.weight * RELATED_FACTOR, finding.kind, finding.evidence);
      }
    }
    const results = new Map<string, ScoredEntity>();
    for (const [key, entry] of perEntity) {
      results.set(key, {
        score: 1 - entry.miss,
        note: [...entry.kinds].sort().join(', '),
        evidence: entry.evidence,
      });
    }
    return results;
  },
};
