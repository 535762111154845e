import { HorizonTooLongError } from '../errors';
import { EmpiricalIntervals, type ErrorScale } from '../intervals';
import type { Series } from '../series';

/** One forecast step: the expected value and its prediction interval. */
export interface ForecastPoint {
  /** Unix ms. */
  timestamp: number;
  mean: number;
  lower: number;
  upper: number;
}

/** What every model is told about the series besides its values. */
export interface FitContext {
  /** Sampling step in ms. */
  stepMs: number;
  /** Seasonal periods in points, ascending (see detectSeasonality); may be empty. */
  periods: number[];
  /** Longest forecast, in steps, the intervals are calibrated for. */
  maxHorizon: number;
}

/**
 * A forecasting method; `fit` learns it on one series. Both throw ModelNotApplicableError when the method
 * cannot describe the series and HistoryTooShortError when the series is too short for it.
 */
export interface ForecastModel {
  readonly name: string;
  /** The fitted point forecasts, before intervals: what `fit` calibrates and combinations average. */
  fitCore(series: Series, context: FitContext): ModelCore;
  fit(series: Series, context: FitContext): FittedModel;
}

/** A model fitted on a history, forecasting from the history's end. */
export interface FittedModel {
  readonly name: string;
  /** Fitted parameters (smoothing weights, damping, ...), for model versions and reports. */
  readonly parameters: Readonly<Record<string, number>>;
  readonly maxHorizon: number;
  readonly stepMs: number;
  /** Timestamp of the last point of the history. */
  readonly lastTimestamp: number;
  /** The next `horizon` steps, with intervals at a central `level` (default 0.95). */
  forecast(horizon: number, level?: number): ForecastPoint[];
}

export const DEFAULT_LEVEL = 0.95;

/** What a model computes; calibratedModel adds the intervals and the checks. */
export interface ModelCore {
  name: string;
  parameters: Record<string, number>;
  scale: ErrorScale;
  /** Points of the fitted series before the model's replayed forecasts are trusted. */
  warmup: number;
  /** Mean forecasts for the `horizon` steps after the history. */
  forecastMeans(horizon: number): Float64Array;
  /**
   * Mean forecasts from earlier origins (points of the fitted series observed, each at least `warmup`),
   * with the fitted parameters but only the data before each origin.
   */
  forecastsFrom(origins: number[], horizon: number): Float64Array[];
}

/** Checks a requested horizon against what the intervals were calibrated for. */
export function checkHorizon(horizon: number, maxHorizon: number): void {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new HorizonTooLongError(`horizon must be a whole number of steps, at least 1 (got ${horizon})`);
  }
  if (horizon > maxHorizon) {
    throw new HorizonTooLongError(
      `horizon of ${horizon} steps exceeds the ${maxHorizon} the model was fitted for`,
    );
  }
}

/**
 * Wraps a model's mean forecasts with intervals calibrated on its own replayed multi-step errors, and
 * keeps forecasts of a never-negative series (rates) at or above zero.
 */
export function calibratedModel(
  core: ModelCore,
  series: Series,
  context: FitContext,
): FittedModel & { readonly intervals: EmpiricalIntervals } {
  const intervals = EmpiricalIntervals.calibrate({
    values: series.values,
    horizon: context.maxHorizon,
    warmup: core.warmup,
    scale: core.scale,
    forecastsFrom: (origins, horizon) => core.forecastsFrom(origins, horizon),
  });
  const nonNegative = series.values.every((value) => value >= 0);
  const floor = nonNegative ? 0 : Number.NEGATIVE_INFINITY;
  const lastTimestamp = series.timestamps[series.timestamps.length - 1]!;
  return {
    name: core.name,
    parameters: core.parameters,
    maxHorizon: context.maxHorizon,
    stepMs: context.stepMs,
    lastTimestamp,
    intervals,
    forecast(horizon, level = DEFAULT_LEVEL) {
      checkHorizon(horizon, context.maxHorizon);
      const means = core.forecastMeans(horizon);
      return Array.from(means, (raw, index) => {
        const mean = Math.max(floor, raw);
        const { lower, upper } = intervals.bounds(index + 1, mean, level);
        return {
          timestamp: lastTimestamp + (index + 1) * context.stepMs,
          mean,
          lower: Math.max(floor, lower),
          upper: Math.max(floor, upper),
        };
      });
    },
  };
}
