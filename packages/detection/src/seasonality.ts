import { median, quantileSorted } from './stats';

const DAY_MS = 86_400_000;
/** Autocorrelation a candidate period must reach to count as a season. */
export const MIN_AUTOCORRELATION = 0.3;

/** Median spacing of the timestamps, in ms (NaN with fewer than two). */
export function typicalStep(timestamps: readonly number[]): number {
  if (timestamps.length < 2) return Number.NaN;
  const steps = new Float64Array(Math.min(timestamps.length - 1, 1000));
  for (let i = 0; i < steps.length; i++) steps[i] = timestamps[i + 1]! - timestamps[i]!;
  return median(steps);
}

/** Autocorrelation of `values` (NaN skipped) at `lag`. */
export function autocorrelation(values: ArrayLike<number>, lag: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i]!)) {
      sum += values[i]!;
      count++;
    }
  }
  if (count < 2) return 0;
  const center = sum / count;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    denominator += (v - center) ** 2;
    const next = values[i + lag];
    if (next !== undefined && Number.isFinite(next)) numerator += (v - center) * (next - center);
  }
  return denominator > 0 ? numerator / denominator : 0;
}

/**
 * The daily and weekly periods (in points) implied by the sampling step, when the series is long enough
 * (two full cycles) to show them.
 */
export function calendarPeriods(stepMs: number, length: number): number[] {
  if (!(stepMs > 0)) return [];
  const daily = Math.round(DAY_MS / stepMs);
  return [daily, 7 * daily].filter((period) => period >= 4 && 2 * period <= length);
}

/** How far the autocorrelation must climb back from its lowest point below a lag for that lag to be a period. */
const MIN_PROMINENCE = 0.5;

/**
 * The period (in points) of the strongest season, or 0. Calendar periods (a day, a week) implied by the
 * sampling step come first; otherwise a search over lags up to a third of the window for an autocorrelation
 * peak that is prominent (it climbs back at least MIN_PROMINENCE from the trough before it): a true cycle
 * dips and recovers, while a step or a trend only decays slowly and must not be mistaken for a season.
 */
export function detectPeriod(values: ArrayLike<number>, stepMs?: number): number {
  let best = 0;
  let bestCorrelation = MIN_AUTOCORRELATION;
  if (stepMs !== undefined && stepMs > 0) {
    for (const period of calendarPeriods(stepMs, values.length)) {
      const correlation = autocorrelation(values, period);
      if (correlation > bestCorrelation) {
        best = period;
        bestCorrelation = correlation;
      }
    }
    if (best > 0) return best;
  }
  const maxLag = Math.floor(values.length / 3);
  const correlations = new Float64Array(maxLag + 2);
  for (let lag = 1; lag <= maxLag + 1; lag++) correlations[lag] = autocorrelation(values, lag);
  let trough = Number.POSITIVE_INFINITY;
  for (let lag = 2; lag <= maxLag; lag++) {
    const correlation = correlations[lag]!;
    trough = Math.min(trough, correlations[lag - 1]!);
    const isPeak = correlation >= correlations[lag - 1]! && correlation >= correlations[lag + 1]!;
    if (isPeak && correlation - trough >= MIN_PROMINENCE && correlation > bestCorrelation) {
      best = lag;
      bestCorrelation = correlation;
    }
  }
  return best;
}

/** Neighbouring phases pooled into each phase's median: a 48th of the period (30 minutes of a day). */
const PHASE_POOL_FRACTION = 1 / 48;

/**
 * Expected value at each phase of the period: the median, across all cycles, of the values at that phase
 * and its neighbouring phases. Pooling neighbours matters with only two or three cycles, where a per-phase
 * median would be one of the points themselves and its residuals exactly zero.
 */
export function seasonalProfile(values: readonly number[], period: number): Float64Array {
  const pool = Math.max(1, Math.round(period * PHASE_POOL_FRACTION));
  const profile = new Float64Array(period);
  const same = new Float64Array((2 * pool + 1) * Math.ceil(values.length / period));
  for (let phase = 0; phase < period; phase++) {
    let count = 0;
    for (let offset = -pool; offset <= pool; offset++) {
      const start = (((phase + offset) % period) + period) % period;
      for (let i = start; i < values.length; i += period)
        if (Number.isFinite(values[i]!)) same[count++] = values[i]!;
    }
    profile[phase] = count > 0 ? quantileSorted(same.subarray(0, count).sort(), 0.5) : Number.NaN;
  }
  return profile;
}

export interface Season {
  /** Period in points; 0 when no season shows. */
  period: number;
  /** Expected value per phase (empty without a season). */
  profile: Float64Array;
}

/**
 * The season of a window. The last answer is remembered by the identity of its input arrays: the ensemble
 * asks for the same window's season from three detectors in a row, and this is its costliest step. So a
 * window's arrays must not be changed in place between calls (the package never does; pass a copy).
 */
let lastSeason: { values: readonly number[]; timestamps?: readonly number[]; season: Season } | null = null;

export function findSeason(values: readonly number[], timestamps?: readonly number[]): Season {
  if (lastSeason && lastSeason.values === values && lastSeason.timestamps === timestamps)
    return lastSeason.season;
  const step = timestamps ? typicalStep(timestamps) : undefined;
  const period = detectPeriod(values, step);
  const season = { period, profile: period > 0 ? seasonalProfile(values, period) : new Float64Array(0) };
  lastSeason = { values, timestamps, season };
  return season;
}

/**
 * The series with its season taken out (each point minus its phase's expected value, plus the median of
 * the profile), so shift detectors see changes of level and not the daily rhythm. Returned unchanged when
 * no season shows. NaN stays NaN.
 */
export function removeSeason(values: readonly number[], timestamps?: readonly number[]): readonly number[] {
  const { period, profile } = findSeason(values, timestamps);
  if (period === 0) return values;
  const level = median(profile.filter(Number.isFinite));
  return values.map((v, i) => v - profile[i % period]! + level);
}
