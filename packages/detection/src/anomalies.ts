import type { Anomaly } from '@aiops/contracts';
import { segmentLevels } from './change-points';
import { scoreEnsembleBatch } from './ensemble';
import type { LabeledSeries } from './series';
import { median } from './stats';

/** Score at or above which a point is anomalous (RCA_ANOMALY_THRESHOLD's default). */
export const DEFAULT_ANOMALY_THRESHOLD = 0.65;
/** Fewer finite points than this and a series is not scored: no statistics can be trusted. */
export const MIN_SERIES_POINTS = 12;
/** Anomalous points at most this far apart belong to the same stretch. */
const MERGE_GAP = 3;
/** How far before a stretch its onset may be moved: to a change point, or while scores stay elevated. */
const ONSET_LOOKBACK = 10;

export interface DetectAnomaliesOptions {
  /** Anomalous at or above this ensemble score; default 0.65. */
  threshold?: number;
}

interface Stretch {
  start: number;
  end: number;
}

function anomalousStretches(scores: Float64Array, threshold: number): Stretch[] {
  const stretches: Stretch[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (scores[i]! < threshold) continue;
    const last = stretches.at(-1);
    if (last && i - last.end <= MERGE_GAP) last.end = i;
    else stretches.push({ start: i, end: i });
  }
  return stretches;
}

/**
 * Where the stretch really began: the nearest change point (of the level segmentation) shortly before or
 * inside it, else the first of the points before it whose score stays above half the threshold.
 */
function findOnset(
  stretch: Stretch,
  scores: Float64Array,
  changeIndices: number[],
  threshold: number,
): number {
  const candidates = changeIndices.filter((c) => c >= stretch.start - ONSET_LOOKBACK && c <= stretch.end);
  if (candidates.length > 0) {
    return candidates.reduce((best, c) =>
      Math.abs(c - stretch.start) < Math.abs(best - stretch.start) ? c : best,
    );
  }
  let onset = stretch.start;
  while (onset > 0 && stretch.start - onset < ONSET_LOOKBACK && scores[onset - 1]! >= threshold / 2) onset--;
  return onset;
}

function finiteSlice(values: readonly number[], from: number, to: number): number[] {
  return values.slice(Math.max(0, from), Math.max(0, to)).filter(Number.isFinite);
}

function describeSeries(series: LabeledSeries, threshold: number): Anomaly[] {
  const length = Math.min(series.values.length, series.timestamps.length);
  const values = series.values.slice(0, length);
  const timestamps = series.timestamps.slice(0, length);
  const finiteIndices = values.flatMap((v, i) => (Number.isFinite(v) ? [i] : []));
  if (finiteIndices.length < MIN_SERIES_POINTS) return [];
  const { scores, byDetector } = scoreEnsembleBatch(values, timestamps);
  const changeIndices = segmentLevels(finiteIndices.map((i) => values[i]!)).changePoints.map(
    (change) => finiteIndices[change.index]!,
  );
  return anomalousStretches(scores, threshold).map((stretch) => {
    const onset = findOnset(stretch, scores, changeIndices, threshold);
    const before = finiteSlice(values, 0, onset);
    const outside = [...before, ...finiteSlice(values, stretch.end + 1, length)];
    const baseline = median(
      before.length >= 3 ? before : outside.length > 0 ? outside : finiteSlice(values, 0, length),
    );
    let peakIndex = onset;
    let peakDistance = -1;
    for (let i = onset; i <= stretch.end; i++) {
      const v = values[i]!;
      if (Number.isFinite(v) && Math.abs(v - baseline) > peakDistance) {
        peakDistance = Math.abs(v - baseline);
        peakIndex = i;
      }
    }
    const peak = values[peakIndex]!;
    const direction = peak >= baseline ? 'up' : 'down';
    // A sustained stretch is described by its typical level (robust to noise), a short one by its peak.
    const typical = median(finiteSlice(values, onset, stretch.end + 1)) - baseline;
    const size = Math.sign(typical) === Math.sign(peak - baseline) ? typical : peak - baseline;
    let score = 0;
    for (let i = stretch.start; i <= stretch.end; i++) score = Math.max(score, scores[i]!);
    const detectors: Record<string, number> = {};
    for (const [name, memberScores] of Object.entries(byDetector)) detectors[name] = memberScores[peakIndex]!;
    return {
      metric: series.metric,
      labels: series.labels,
      score: Math.min(1, score),
      onset: new Date(timestamps[onset]!).toISOString(),
      direction,
      size,
      baseline,
      peak,
      detectors,
    };
  });
}

/**
 * The detect stage's entry point: each series is scored by the batch ensemble, its anomalous stretches
 * (score >= threshold) become anomalies with their onset (start of the stretch, moved back to the change
 * point when there is one), direction, size against the baseline before the onset, peak and the member
 * scores at the peak. Series too short, flat, or mostly gaps yield nothing. Strongest first.
 */
export function detectAnomalies(series: LabeledSeries[], options: DetectAnomaliesOptions = {}): Anomaly[] {
  const threshold = options.threshold ?? DEFAULT_ANOMALY_THRESHOLD;
  return series.flatMap((one) => describeSeries(one, threshold)).sort((a, b) => b.score - a.score);
}
