import type { Anomaly } from '@aiops/contracts';
import type { EntitySignal, EntityState } from './analysis/context';
import { type RestartRise, restartRises } from './analysis/restart-rises';
import { entityKey, entityLabels } from './entity';
import { isoTime } from './format';
import type { RankingResult } from './rank';
import { evidenceFrom, RESTART_COUNTER_WEIGHT } from './scorers/kubernetes-evidence';

/**
 * What the ranking counted as anomalous, as contract anomalies (for `POST /api/v1/rca` and the incident's
 * anomalies slot), strongest first: every significant signal of every entity (the ones the summary counts
 * and the metric evidence cites) and every restart counter the Kubernetes evidence cites. One anomaly per
 * entity and metric; labels name the entity: `{ <kind>: name, namespace }`, plus a detector's own labels.
 */
export function rankingAnomalies(ranking: RankingResult): Anomaly[] {
  const byKey = new Map<string, Anomaly>();
  const add = (key: string, anomaly: Anomaly) => {
    const known = byKey.get(key);
    // Signals come strongest first: a later one for the same metric adds its detectors' scores only.
    if (known) known.detectors = { ...anomaly.detectors, ...known.detectors };
    else byKey.set(key, anomaly);
  };
  for (const state of ranking.context.entities.values()) {
    for (const signal of state.signals) add(`${state.key}|${signal.metric}`, signalAnomaly(state, signal));
  }
  for (const rise of restartRises(ranking.context.analyses, evidenceFrom(ranking.context))) {
    const { entity, metric } = rise.analysis.series;
    const key = `${entityKey(entity)}|${metric}`;
    if (!byKey.has(key)) byKey.set(key, restartAnomaly(rise));
  }
  return [...byKey.values()].sort(
    (a, b) => b.score - a.score || a.onset.localeCompare(b.onset) || a.metric.localeCompare(b.metric),
  );
}

function signalAnomaly(state: EntityState, signal: EntitySignal): Anomaly {
  const { analysis, detected } = signal;
  if (!analysis || analysis.peakIndex === null) {
    // A detector's anomaly carries its own size and peak; only its labels are completed with the entity's.
    return {
      metric: signal.metric,
      score: Math.min(1, Math.max(0, signal.strength)),
      onset: isoTime(signal.onset),
      direction: signal.direction,
      size: detected?.size ?? 0,
      baseline: detected?.baseline ?? 0,
      peak: detected?.peak ?? 0,
      detectors: { ...detected?.detectors },
      labels: { ...detected?.labels, ...entityLabels(state.entity) },
    };
  }
  const peak = analysis.series.values[analysis.peakIndex]!;
  return {
    metric: signal.metric,
    labels: entityLabels(state.entity),
    score: Math.min(1, Math.max(0, signal.strength)),
    onset: isoTime(signal.onset),
    direction: signal.direction,
    size: peak - analysis.baseline.median,
    baseline: analysis.baseline.median,
    peak,
    detectors: { 'robust-score': analysis.peak },
  };
}

/** A restart counter that went up without an onset of its own: scored as the Kubernetes evidence weighs it. */
function restartAnomaly({ analysis, firstRiseIndex, increase }: RestartRise): Anomaly {
  const { series, baseline } = analysis;
  return {
    metric: series.metric,
    labels: entityLabels(series.entity),
    score: RESTART_COUNTER_WEIGHT,
    onset: isoTime(series.timestamps[firstRiseIndex]!),
    direction: 'up',
    size: increase,
    baseline: baseline.median,
    peak: series.values.at(-1)!,
    detectors: { 'restart-counter': increase },
  };
}
