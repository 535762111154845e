import { HistoryTooShortError, InvalidTimestampError, NonFiniteValueError } from '../errors';
import { solveSymmetricPositive } from '../linear-algebra';
import { DAY_MS } from '../seasonality';
import type { Series } from '../series';
import { quantile } from '../stats';
import {
  calibratedModel,
  checkHorizon,
  DEFAULT_LEVEL,
  type FitContext,
  type FittedModel,
  type ForecastModel,
  type ForecastPoint,
  type ModelCore,
} from './model';

/** History used: sixteen weeks; older demand says little about next week's. */
const HISTORY_MS = 112 * DAY_MS;
/** Weight of a point halves every four weeks back, so the profile follows slow drifts. */
const HALF_LIFE_MS = 28 * DAY_MS;
/** Finest time-of-day slot: 96 a day (15 minutes), whatever the sampling step. */
const MAX_SLOTS_PER_DAY = 96;
/** Ridge penalties, in weighted observations: main effects barely, time-of-week interactions more. */
const MAIN_PENALTY = 0.01;
const INTERACTION_PENALTY = 0.05;
/** Blocks of the history for the out-of-sample residuals. */
const CROSS_FIT_FOLDS = 5;
/** Reweighting rounds that keep holidays and outages from bending the profile. */
const ROBUST_ROUNDS = 4;
/** History below which the profile is time of day only. */
const MIN_WEEKLY_HISTORY_MS = 14 * DAY_MS;
const EPOCH_WEEKDAY = 4; // 1970-01-01 was a Thursday

/** A regression fitted on a history that can also forecast from any single observation (see forecastFrom). */
export interface AnchoredModel extends FittedModel {
  /**
   * The `horizon` steps after `anchor`: the time-of-week profile plus the anchor's deviation from it,
   * carried forward as strongly as deviations were carried in the history.
   */
  forecastFrom(
    anchor: { timestamp: number; value: number },
    horizon: number,
    level?: number,
  ): ForecastPoint[];
}

interface Calendar {
  slotMs: number;
  slotsPerDay: number;
}

/** Tukey's bisquare weight of a residual in robust standard deviations: outliers beyond 4.685 get none. */
function robustWeight(scaled: number): number {
  const u = scaled / 4.685;
  return u < 1 ? (1 - u * u) ** 2 : 0;
}

const weekdayOf = (timestamp: number) => (((Math.floor(timestamp / DAY_MS) + EPOCH_WEEKDAY) % 7) + 7) % 7;
function slotOf(timestamp: number, calendar: Calendar): number {
  const msOfDay = ((timestamp % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.min(calendar.slotsPerDay - 1, Math.floor(msOfDay / calendar.slotMs));
}

/** The regression's forecasts plus what anchoring on a new observation needs. */
interface RegressionCore extends ModelCore {
  /** The time-of-week profile at `timestamp`, its trend held at `trendAt` or the history's end. */
  profileAt(timestamp: number, trendAt: number): number;
  meansFrom(anchorTimestamp: number, deviation: number, horizon: number): Float64Array;
}

function fitRegression(series: Series, context: FitContext): RegressionCore {
  const { stepMs } = context;
  const keep = Math.max(2, Math.round(HISTORY_MS / stepMs));
  const start = Math.max(0, series.values.length - keep);
  const timestamps = series.timestamps.slice(start);
  const values = series.values.slice(start);
  const n = values.length;
  const calendar: Calendar = {
    slotMs: Math.max(stepMs, DAY_MS / MAX_SLOTS_PER_DAY),
    slotsPerDay: Math.max(1, Math.round(DAY_MS / Math.max(stepMs, DAY_MS / MAX_SLOTS_PER_DAY))),
  };
  const slots = calendar.slotsPerDay;
  // Day-of-week effects need the history to hold each weekday twice; on a shorter one their hundreds of
  // time-of-week coefficients would only fit noise (and make each solve cost seconds).
  const weekly = timestamps[n - 1]! - timestamps[0]! >= MIN_WEEKLY_HISTORY_MS;
  const size = weekly ? 2 + slots + 7 + 7 * slots : 2 + slots;
  if (n < Math.max(10, context.maxHorizon + 2)) {
    throw new HistoryTooShortError(
      `time-feature-regression needs at least ${Math.max(10, context.maxHorizon + 2)} points, got ${n}`,
    );
  }
  const endTimestamp = timestamps[n - 1]!;
  const trendOf = (timestamp: number) => (Math.min(timestamp, endTimestamp) - endTimestamp) / DAY_MS;
  const columnsOf = (timestamp: number): number[] => {
    const slot = slotOf(timestamp, calendar);
    if (!weekly) return [2 + slot];
    const weekday = weekdayOf(timestamp);
    return [2 + slot, 2 + slots + weekday, 2 + slots + 7 + weekday * slots + slot];
  };

  const recency = Float64Array.from(
    timestamps,
    (timestamp) => 0.5 ** ((endTimestamp - timestamp) / HALF_LIFE_MS),
  );
  const solve = (weights: Float64Array) => {
    const normal = new Float64Array(size * size);
    const rhs = new Float64Array(size);
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      const columns = columnsOf(timestamps[i]!);
      const indices = [0, 1, ...columns];
      const entries = [1, trendOf(timestamps[i]!), ...columns.map(() => 1)];
      for (let a = 0; a < indices.length; a++) {
        rhs[indices[a]!]! += w * entries[a]! * values[i]!;
        for (let b = 0; b < indices.length; b++) {
          normal[indices[a]! * size + indices[b]!]! += w * entries[a]! * entries[b]!;
        }
      }
    }
    for (let column = 0; column < size; column++) {
      const penalty = column < 2 ? 1e-9 : column < 2 + slots + 7 ? MAIN_PENALTY : INTERACTION_PENALTY;
      normal[column * size + column]! += penalty;
    }
    return solveSymmetricPositive(normal, rhs, size);
  };
  const profileWith = (coefficients: Float64Array) => (timestamp: number, trendAt: number) =>
    columnsOf(timestamp).reduce(
      (sum, column) => sum + coefficients[column]!,
      coefficients[0]! + coefficients[1]! * trendOf(trendAt),
    );
  let weights = recency;
  let coefficients = solve(weights);
  for (let round = 0; round < ROBUST_ROUNDS; round++) {
    const profile = profileWith(coefficients);
    const deviations = Float64Array.from(values, (value, i) =>
      Math.abs(value - profile(timestamps[i]!, timestamps[i]!)),
    );
    const spread = 1.4826 * quantile(deviations, 0.5) || 1e-9;
    weights = recency.map((w, i) => w * robustWeight(deviations[i]! / spread));
    coefficients = solve(weights);
  }
  const profileAt = profileWith(coefficients);
  const residuals = Float64Array.from(
    values,
    (value, i) => value - profileAt(timestamps[i]!, timestamps[i]!),
  );

  // Each block of the history predicted by a fit on the other blocks: with hundreds of coefficients the
  // in-sample residuals are too small, and the carry and the intervals need errors as they come out of sample.
  const crossFitted = new Float64Array(n);
  for (let fold = 0; fold < CROSS_FIT_FOLDS; fold++) {
    const from = Math.floor((fold * n) / CROSS_FIT_FOLDS);
    const to = Math.floor(((fold + 1) * n) / CROSS_FIT_FOLDS);
    const heldOut = profileWith(solve(weights.map((w, i) => (i >= from && i < to ? 0 : w))));
    for (let i = from; i < to; i++) crossFitted[i] = heldOut(timestamps[i]!, timestamps[i]!);
  }
  const outOfSample = Float64Array.from(values, (value, i) => value - crossFitted[i]!);
  const carry = new Float64Array(context.maxHorizon);
  for (let step = 1; step <= context.maxHorizon; step++) {
    let crossed = 0;
    let squared = 0;
    for (let i = 0; i + step < n; i++) {
      crossed += recency[i]! * outOfSample[i]! * outOfSample[i + step]!;
      squared += recency[i]! * outOfSample[i]! * outOfSample[i]!;
    }
    carry[step - 1] = squared > 0 ? Math.max(-1, Math.min(1, crossed / squared)) : 0;
  }
  const meansFrom = (anchorTimestamp: number, deviation: number, horizon: number) =>
    Float64Array.from(
      { length: horizon },
      (_, index) =>
        profileAt(anchorTimestamp + (index + 1) * stepMs, anchorTimestamp) + carry[index]! * deviation,
    );

  return {
    name: 'time-feature-regression',
    parameters: {
      slots_per_day: slots,
      weekly_terms: weekly ? 1 : 0,
      trend_per_day: coefficients[1]!,
      carry_1: carry[0]!,
      [`carry_${context.maxHorizon}`]: carry[context.maxHorizon - 1]!,
    },
    scale: 'absolute',
    warmup: start + 1,
    profileAt,
    meansFrom,
    forecastMeans: (horizon) => meansFrom(endTimestamp, residuals[n - 1]!, horizon),
    forecastsFrom: (origins, horizon) =>
      origins.map((origin) => {
        const observed = origin - start;
        return Float64Array.from(
          { length: horizon },
          (_, step) => (crossFitted[observed + step] ?? 0) + carry[step]! * outOfSample[observed - 1]!,
        );
      }),
  };
}

/**
 * Weighted ridge regression of the value on time features: time of day (slots as fine as the step, at
 * most 15 minutes), and once the history spans two weeks day of week and their interaction (time of week,
 * shrunk towards the sum of the two); and a linear trend whose value is held at the end of the history when forecasting. A deviation from this
 * profile is carried forward by a factor estimated for each horizon step from the history's own residuals.
 */
export const timeFeatureRegression = {
  name: 'time-feature-regression',
  fitCore: fitRegression,
  fit(series: Series, context: FitContext): AnchoredModel {
    const core = fitRegression(series, context);
    const fitted = calibratedModel(core, series, context);
    const { profileAt, meansFrom } = core;
    const { stepMs } = context;
    const nonNegative = series.values.every((value) => value >= 0);
    const floor = nonNegative ? 0 : Number.NEGATIVE_INFINITY;
    return {
      ...fitted,
      forecastFrom(anchor, horizon, level = DEFAULT_LEVEL) {
        checkHorizon(horizon, context.maxHorizon);
        if (!Number.isFinite(anchor.value))
          throw new NonFiniteValueError(`the current value is ${anchor.value}`);
        if (!Number.isFinite(anchor.timestamp)) {
          throw new InvalidTimestampError(`the anchor timestamp is ${anchor.timestamp}`);
        }
        const deviation = anchor.value - profileAt(anchor.timestamp, anchor.timestamp);
        return Array.from(meansFrom(anchor.timestamp, deviation, horizon), (raw, index) => {
          const mean = Math.max(floor, raw);
          const { lower, upper } = fitted.intervals.bounds(index + 1, mean, level);
          return {
            timestamp: anchor.timestamp + (index + 1) * stepMs,
            mean,
            lower: Math.max(floor, lower),
            upper: Math.max(floor, upper),
          };
        });
      },
    };
  },
} satisfies ForecastModel;
