export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** Autocorrelation a calendar period must reach to count as a season. */
export const MIN_SEASONAL_AUTOCORRELATION = 0.3;

export interface SeasonalityOptions {
  /** Full cycles of a period the history must hold before it is tested (default 2). */
  minCycles?: number;
  /** Autocorrelation needed (default MIN_SEASONAL_AUTOCORRELATION). */
  threshold?: number;
}

/** Sample autocorrelation of `values` at `lag`, skipping NaN. */
export function autocorrelation(values: ArrayLike<number>, lag: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i]!)) {
      sum += values[i]!;
      count++;
    }
  }
  if (count < 2 || lag >= values.length) return 0;
  const center = sum / count;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Number.isNaN(value)) continue;
    denominator += (value - center) ** 2;
    const later = values[i + lag];
    if (later !== undefined && !Number.isNaN(later)) numerator += (value - center) * (later - center);
  }
  return denominator > 0 ? numerator / denominator : 0;
}

/** Centred moving average over `window` points; windows are cut short at both ends. */
function centredMovingAverage(values: ArrayLike<number>, window: number): Float64Array {
  const prefix = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) prefix[i + 1] = prefix[i]! + values[i]!;
  const half = Math.floor(window / 2);
  const averages = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const from = Math.max(0, i - half);
    const to = Math.min(values.length, i - half + window);
    averages[i] = (prefix[to]! - prefix[from]!) / (to - from);
  }
  return averages;
}

/** Subtracts the mean of each position within `period` (a seasonal profile) from the values. */
function withoutProfile(values: Float64Array, period: number): Float64Array {
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  for (let i = 0; i < values.length; i++) {
    sums[i % period]! += values[i]!;
    counts[i % period]! += 1;
  }
  return values.map((value, i) => value - sums[i % period]! / counts[i % period]!);
}

/**
 * The seasonal periods of a series, in points, ascending: the daily and the weekly period implied by its
 * step, each kept when the history holds enough cycles and the detrended series correlates with itself
 * one period later. The weekly test runs after the daily profile is removed, so that a series with only
 * a daily pattern (which also repeats every week) is not called weekly.
 */
export function detectSeasonality(
  values: ArrayLike<number>,
  stepMs: number,
  options: SeasonalityOptions = {},
): number[] {
  const minCycles = options.minCycles ?? 2;
  const threshold = options.threshold ?? MIN_SEASONAL_AUTOCORRELATION;
  if (!(stepMs > 0)) return [];
  const candidate = (periodMs: number) => {
    const period = Math.round(periodMs / stepMs);
    return period >= 2 && period * minCycles <= values.length ? period : 0;
  };
  const daily = candidate(DAY_MS);
  const weekly = candidate(WEEK_MS);
  const longest = Math.max(daily, weekly);
  if (longest === 0) return [];
  const trend = centredMovingAverage(values, longest);
  const detrended = Float64Array.from(values, (value, i) => value - trend[i]!);
  const periods: number[] = [];
  if (daily > 0 && autocorrelation(detrended, daily) >= threshold) periods.push(daily);
  if (weekly > 0) {
    const residual = periods.length > 0 ? withoutProfile(detrended, daily) : detrended;
    if (autocorrelation(residual, weekly) >= threshold) periods.push(weekly);
  }
  return periods;
}
