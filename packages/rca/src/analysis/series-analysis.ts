import type { MetricSeries } from '../input';
import { type RobustScale, robustScale } from '../stats/robust';

/** How one metric series behaved around the incident, scored BARO-style against its own baseline. */
export interface SeriesAnalysis {
  series: MetricSeries;
  /** Median and (floored) IQR of the baseline window, before the onset search window. */
  baseline: RobustScale;
  /** (x - median) / IQR for every point. */
  scores: number[];
  /** Index of the first point of the anomalous stretch, or null when the series stayed normal. */
  onsetIndex: number | null;
  direction: 'up' | 'down' | null;
  /** Largest |score| from the onset on (0 without an onset). */
  peak: number;
  peakIndex: number | null;
  /** Share of points from the onset on that stay beyond the threshold in the anomaly's direction. */
  persistence: number;
  /** 1 when the peak goes well beyond anything the baseline window saw, down to 0.2 when it saw as much. */
  novelty: number;
  /** Size, robustness and novelty folded into [0, 1]; a lone spike counts for less than a sustained shift. */
  strength: number;
}

export interface SeriesWindow {
  /** Points before this time (Unix ms) form the baseline. */
  baselineEnd: number;
  /** The onset is searched for from this time (Unix ms) on. */
  searchStart: number;
}

const ONSET_THRESHOLD = 3;
const BACKTRACK_THRESHOLD = 1;
const MAX_SCORE = 1000;
/** An onset must hold for half of this long after it. */
const CONFIRM_MS = 60_000;
const MIN_BASELINE_POINTS = 5;

export function analyzeSeries(series: MetricSeries, window: SeriesWindow): SeriesAnalysis {
  const { timestamps, values } = series;
  let baselineValues = values.filter((_, i) => timestamps[i]! < window.baselineEnd);
  if (baselineValues.length < MIN_BASELINE_POINTS) {
    baselineValues = values.slice(0, Math.max(1, Math.floor(values.length / 3)));
  }
  const raw = robustScale(baselineValues);
  // A low-count baseline (a trickle of errors) has no spread: the floor is the step it moves by, so one
  // more error in a minute is not news. A perfectly flat one (a restart counter) has no step either:
  // then any change is news, and the last floor only keeps scores finite.
  const iqr = Math.max(raw.iqr, 0.01 * Math.abs(raw.median), resolution(baselineValues), 1e-9);
  const baseline = { median: raw.median, iqr };
  const scores = values.map((v) => clamp((v - baseline.median) / iqr, -MAX_SCORE, MAX_SCORE));

  const first = timestamps.findIndex((t) => t >= window.searchStart);
  const stepMs =
    timestamps.length > 1 ? (timestamps.at(-1)! - timestamps[0]!) / (timestamps.length - 1) : 60_000;
  const confirmPoints = Math.max(3, Math.round(CONFIRM_MS / stepMs));
  const onsetIndex = first < 0 ? null : findOnset(scores, first, confirmPoints);
  if (onsetIndex === null) {
    return {
      series,
      baseline,
      scores,
      onsetIndex: null,
      direction: null,
      peak: 0,
      peakIndex: null,
      persistence: 0,
      novelty: 0,
      strength: 0,
    };
  }
  const sign = Math.sign(scores[onsetIndex]!) || 1;
  let peak = 0;
  let peakIndex = onsetIndex;
  let beyond = 0;
  for (let i = onsetIndex; i < scores.length; i++) {
    const signed = scores[i]! * sign;
    if (signed > peak) {
      peak = signed;
      peakIndex = i;
    }
    if (signed > ONSET_THRESHOLD) beyond++;
  }
  const persistence = beyond / (scores.length - onsetIndex);
  // Excursions the baseline already had (a batch job's bursts, noisy spikes) are not news.
  let seenBefore = ONSET_THRESHOLD;
  timestamps.forEach((t, i) => {
    if (t < window.baselineEnd) seenBefore = Math.max(seenBefore, scores[i]! * sign);
  });
  const novelty =
    peak <= seenBefore ? 0.2 : 0.2 + 0.8 * Math.min(1, (peak - seenBefore) / (0.5 * seenBefore));
  return {
    series,
    baseline,
    scores,
    onsetIndex,
    direction: sign > 0 ? 'up' : 'down',
    peak,
    peakIndex,
    persistence,
    novelty,
    strength: anomalyStrength(peak, persistence) * novelty,
  };
}

/** Folds a robust peak score and its persistence into [0, 1]. */
export function anomalyStrength(peak: number, persistence: number): number {
  return (1 - Math.exp(-peak / 8)) * (0.4 + 0.6 * persistence);
}

/**
 * The first point beyond the threshold after which the series stays beyond it for at least half of the
 * next minute (a transient spike before the real shift is noise), walked back to where the departure
 * began (a ramp crosses the threshold late). For a large anomaly the threshold is a tenth of its peak,
 * so a slow wander that crossed 3 IQRs before a jump of hundreds does not set the onset; if nothing
 * holds at that level, the plain threshold is tried.
 */
function findOnset(scores: readonly number[], from: number, confirmPoints: number): number | null {
  let peak = 0;
  for (let i = from; i < scores.length; i++) peak = Math.max(peak, Math.abs(scores[i]!));
  const relative = peak / 10;
  if (relative > ONSET_THRESHOLD) {
    const onset = firstSustained(scores, from, confirmPoints, relative, relative / 3);
    if (onset !== null) return onset;
  }
  return firstSustained(scores, from, confirmPoints, ONSET_THRESHOLD, BACKTRACK_THRESHOLD);
}

function firstSustained(
  scores: readonly number[],
  from: number,
  confirmPoints: number,
  threshold: number,
  backtrackThreshold: number,
): number | null {
  for (let i = from; i < scores.length; i++) {
    const z = scores[i]!;
    if (Math.abs(z) <= threshold) continue;
    const sign = Math.sign(z);
    const ahead = scores.slice(i, i + confirmPoints);
    const beyond = ahead.filter((f) => f * sign > threshold).length;
    const needed = ahead.length < 3 ? ahead.length : Math.ceil(ahead.length / 2);
    if (beyond < needed) continue;
    let start = i;
    while (start > from && scores[start - 1]! * sign > backtrackThreshold) start--;
    return start;
  }
  return null;
}

/** The smallest step between consecutive values: the quantum of a count or a rate of counts. */
function resolution(values: readonly number[]): number {
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < values.length; i++) {
    const step = Math.abs(values[i]! - values[i - 1]!);
    if (step > 0 && step < smallest) smallest = step;
  }
  return Number.isFinite(smallest) ? smallest : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
