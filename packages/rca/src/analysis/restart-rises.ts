import type { SeriesAnalysis } from './series-analysis';

/** A restart counter that went up: Kubernetes evidence even when its series shows no onset of its own. */
export interface RestartRise {
  analysis: SeriesAnalysis;
  /** Index of the first point that went up from `from` on. */
  firstRiseIndex: number;
  /** Where the counter ended, less where it stood in the baseline. */
  increase: number;
}

/** The restart counters among the analyses that went up from a time (Unix ms) on. */
export function restartRises(analyses: readonly SeriesAnalysis[], from: number): RestartRise[] {
  const rises: RestartRise[] = [];
  for (const analysis of analyses) {
    const { series } = analysis;
    if (!/restart/i.test(series.metric)) continue;
    // A counter: compare where it ended with where it stood before the onset window, step by step.
    const firstRiseIndex = series.values.findIndex(
      (v, i) => i > 0 && series.timestamps[i]! >= from && v > series.values[i - 1]!,
    );
    const increase = series.values.at(-1)! - analysis.baseline.median;
    if (firstRiseIndex < 0 || increase <= 0) continue;
    rises.push({ analysis, firstRiseIndex, increase });
  }
  return rises;
}
