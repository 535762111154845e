/** Small numeric helpers shared by the detectors. Callers pass finite numbers (NaN is filtered before). */

export function mean(xs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i]!;
  return xs.length === 0 ? 0 : sum / xs.length;
}

export function standardDeviation(xs: ArrayLike<number>, center = mean(xs)): number {
  if (xs.length < 2) return 0;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]! - center;
    sum += d * d;
  }
  return Math.sqrt(sum / (xs.length - 1));
}

/** Quantile of an ascending sorted array, linear interpolation between ranks (type 7, as numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = (n - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(n - 1, lower + 1);
  const weight = position - lower;
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight;
}

export function sortedCopy(xs: ArrayLike<number>): Float64Array {
  return Float64Array.from(xs).sort();
}

export function median(xs: ArrayLike<number>): number {
  return quantileSorted(sortedCopy(xs), 0.5);
}

/** Median absolute deviation scaled by 1.4826 so that it estimates the standard deviation of Gaussian noise. */
export const MAD_TO_SIGMA = 1.4826;

/**
 * A spread that is never zero for a series that moves at all: MAD first, then the IQR, the mean absolute
 * deviation and finally a tiny share of the level, so flat-with-blips series do not divide by zero.
 */
export function robustScale(sorted: ArrayLike<number>, center: number): number {
  const n = sorted.length;
  if (n === 0) return 1;
  const deviations = new Float64Array(n);
  let absSum = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(sorted[i]! - center);
    deviations[i] = d;
    absSum += d;
  }
  const mad = MAD_TO_SIGMA * quantileSorted(deviations.sort(), 0.5);
  if (mad > 0) return mad;
  const iqr = (quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25)) / 1.349;
  if (iqr > 0) return iqr;
  const meanAbs = (absSum / n) * 1.2533;
  if (meanAbs > 0) return meanAbs;
  return Math.max(Math.abs(center) * 1e-3, 1e-9);
}

/** Average ranks (ties share the mean rank), as Spearman's correlation needs. */
export function ranks(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  const result = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && xs[order[j + 1]!] === xs[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) result[order[k]!] = rank;
    i = j + 1;
  }
  return result;
}
