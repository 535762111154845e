import type { Anomaly } from '@aiops/contracts';
import { isoTime } from './format';
import type { RankingResult } from './rank';

/**
 * The anomalous series the ranking found, as contract anomalies (for `POST /api/v1/rca` and the
 * incident's anomalies slot), strongest first. Labels name the entity: `{ <kind>: name, namespace }`.
 */
export function rankingAnomalies(ranking: RankingResult): Anomaly[] {
  const anomalies: Anomaly[] = [];
  for (const state of ranking.context.entities.values()) {
    for (const signal of state.signals) {
      const analysis = signal.analysis;
      if (!analysis || analysis.peakIndex === null) continue;
      const peak = analysis.series.values[analysis.peakIndex]!;
      anomalies.push({
        metric: signal.metric,
        labels: {
          [state.entity.kind]: state.entity.name,
          ...(state.entity.namespace ? { namespace: state.entity.namespace } : {}),
        },
        score: Math.min(1, Math.max(0, signal.strength)),
        onset: isoTime(signal.onset),
        direction: signal.direction,
        size: peak - analysis.baseline.median,
        baseline: analysis.baseline.median,
        peak,
        detectors: { 'robust-score': analysis.peak },
      });
    }
  }
  return anomalies.sort(
    (a, b) => b.score - a.score || a.onset.localeCompare(b.onset) || a.metric.localeCompare(b.metric),
  );
}
