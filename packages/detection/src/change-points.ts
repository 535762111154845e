import { MAD_TO_SIGMA, median, quantileSorted, robustScale } from './stats';

/** A change in level found by binary segmentation. */
export interface ChangePoint {
  /** Index (in the input) of the first point at the new level. */
  index: number;
  /** Median level of the segment before and after. */
  before: number;
  after: number;
  /** |after - before| in noise sigmas. */
  sigma: number;
}

export interface Segmentation {
  changePoints: ChangePoint[];
  /** Start index of each segment (the first is 0). */
  starts: number[];
  /** Median level of each segment. */
  levels: number[];
  /** Noise sigma within segments. */
  noise: number;
}

const MIN_SEGMENT = 5;
const MAX_DEPTH = 4;
/** Minimum t-like statistic of a split and minimum shift in noise sigmas to accept it. */
const MIN_SPLIT_STATISTIC = 5;
const MIN_SHIFT_SIGMA = 2;

function medianOf(values: ArrayLike<number>, from: number, to: number): number {
  return median(Float64Array.from({ length: to - from }, (_, k) => values[from + k]!));
}

/**
 * Noise from first differences (MAD / sqrt 2): a few level shifts are a few large differences, which the
 * MAD ignores, so the estimate is not inflated by the very changes it must measure.
 */
export function differenceNoise(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 3) return 0;
  const diffs = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) diffs[i - 1] = values[i]! - values[i - 1]!;
  diffs.sort();
  const center = quantileSorted(diffs, 0.5);
  for (let i = 0; i < diffs.length; i++) diffs[i] = Math.abs(diffs[i]! - center);
  return (MAD_TO_SIGMA * quantileSorted(diffs.sort(), 0.5)) / Math.SQRT2;
}

/**
 * Binary segmentation on the mean (CUSUM split statistic), a few levels deep; segments are then described by
 * their medians and the noise by the robust spread of the residuals around them. `values` must be finite.
 */
export function segmentLevels(values: ArrayLike<number>): Segmentation {
  const n = values.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + values[i]!;
  let noise = differenceNoise(values);
  if (!(noise > 0)) {
    const sorted = Float64Array.from(values).sort();
    noise = robustScale(sorted, quantileSorted(sorted, 0.5));
  }
  const cuts: number[] = [];
  const split = (from: number, to: number, depth: number) => {
    const length = to - from;
    if (depth >= MAX_DEPTH || length < 2 * MIN_SEGMENT) return;
    let best = -1;
    let bestStatistic = 0;
    for (let k = from + MIN_SEGMENT; k <= to - MIN_SEGMENT; k++) {
      const left = k - from;
      const right = to - k;
      const shift = (prefix[to]! - prefix[k]!) / right - (prefix[k]! - prefix[from]!) / left;
      const statistic = Math.abs(shift) * Math.sqrt((left * right) / length);
      if (statistic > bestStatistic) {
        bestStatistic = statistic;
        best = k;
      }
    }
    if (best < 0 || bestStatistic < MIN_SPLIT_STATISTIC * noise) return;
    const shift = Math.abs(medianOf(values, best, to) - medianOf(values, from, best));
    if (shift < MIN_SHIFT_SIGMA * noise) return;
    cuts.push(best);
    split(from, best, depth + 1);
    split(best, to, depth + 1);
  };
  split(0, n, 0);
  cuts.sort((a, b) => a - b);
  const starts = [0, ...cuts];
  const levels = starts.map((start, s) => medianOf(values, start, starts[s + 1] ?? n));
  const residuals = new Float64Array(n);
  starts.forEach((start, s) => {
    for (let i = start; i < (starts[s + 1] ?? n); i++) residuals[i] = values[i]! - levels[s]!;
  });
  const residualNoise = robustScale(residuals.sort(), 0);
  const finalNoise = Math.max(noise, residualNoise) || 1e-9;
  const changePoints = cuts.map((index, c) => ({
    index,
    before: levels[c]!,
    after: levels[c + 1]!,
    sigma: Math.abs(levels[c + 1]! - levels[c]!) / finalNoise,
  }));
  return { changePoints, starts, levels, noise: finalNoise };
}
