import type { Evidence } from '@aiops/contracts';
import type { RankingContext } from '../analysis/context';
import { formatNumber, isoTime } from '../format';
import type { ScoredEntity, Scorer } from './scorer';

/**
 * BARO-style size of the anomaly: robust scores (x - median) / IQR against the pre-onset baseline,
 * half from the entity's strength (size and persistence) and half from its peak relative to the largest
 * peak of the incident (log-scaled, as scores span orders of magnitude).
 */
export const magnitudeScorer: Scorer = {
  name: 'magnitude',
  weight: 0.3,
  score(context: RankingContext) {
    const anomalous = [...context.entities.values()].filter((e) => e.signals.length > 0);
    if (anomalous.length === 0) return null;
    const peakOf = (state: (typeof anomalous)[number]) => Math.max(...state.signals.map((s) => s.peak));
    const maxPeak = Math.max(...anomalous.map(peakOf));
    const results = new Map<string, ScoredEntity>();
    for (const state of anomalous) {
      const peak = peakOf(state);
      const relative = maxPeak > 0 ? Math.log1p(peak) / Math.log1p(maxPeak) : 0;
      const top = state.signals[0]!;
      const evidence: Evidence[] = state.signals.slice(0, 3).map((signal) => {
        const analysis = signal.analysis;
        const text = analysis
          ? `${signal.metric} ${signal.direction} to ${formatNumber(analysis.series.values[analysis.peakIndex ?? 0]!)} from a median of ${formatNumber(analysis.baseline.median)} (robust score ${formatNumber(analysis.peak)}, beyond 3 for ${Math.round(analysis.persistence * 100)}% of the time since)`
          : `${signal.metric} anomalous (${signal.direction}, detector score ${formatNumber(signal.strength)})`;
        return { kind: 'metric', source: signal.metric, text, at: isoTime(signal.onset) };
      });
      results.set(state.key, {
        score: 0.5 * state.strength + 0.5 * relative,
        note: `${top.metric} ${top.direction} ${formatNumber(top.peak)} IQRs`,
        evidence,
      });
    }
    return results;
  },
};
