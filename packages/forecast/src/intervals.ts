import { HistoryTooShortError, InvalidParameterError } from './errors';
import { mean, normalQuantile, quantileSorted } from './stats';

/**
 * How a model's errors grow: 'absolute' errors are the same size at any level (additive models),
 * 'relative' errors scale with the forecast (multiplicative models).
 */
export type ErrorScale = 'absolute' | 'relative';

/** Most forecast origins replayed over the history to collect errors; more are thinned evenly. */
const MAX_CALIBRATION_ORIGINS = 600;
/** Most errors kept in all (origins × horizon), so that week-long horizons on fine steps stay small. */
const MAX_CALIBRATION_ERRORS = 1_000_000;
/** Fewest errors at a horizon step for its quantiles to be taken as they are. */
const MIN_SAMPLES = 30;

export interface CalibrationInput {
  values: ArrayLike<number>;
  /** Steps ahead the intervals must cover. */
  horizon: number;
  /** Points the model needs before its forecasts mean anything (states still settling). */
  warmup: number;
  scale: ErrorScale;
  /** The model's mean forecasts from each origin (points observed before it), `horizon` steps each. */
  forecastsFrom(origins: number[], horizon: number): Float64Array[];
}

/**
 * Prediction intervals calibrated on the model's own multi-step errors: the model is replayed from many
 * origins over its history, and the interval at step h is the empirical quantiles of its h-step errors
 * (pooled with neighbouring steps to steady the tails). No distribution is assumed, so skewed or
 * heavy-tailed errors give intervals of the right width and shape.
 */
export class EmpiricalIntervals {
  private readonly sortedByStep: Float64Array[];
  private readonly cache = new Map<number, { lower: Float64Array; upper: Float64Array }>();

  private constructor(
    errorsByStep: Float64Array[],
    private readonly scale: ErrorScale,
    private readonly scaleFloor: number,
  ) {
    this.sortedByStep = errorsByStep.map((_, index) => pooled(errorsByStep, index).sort());
  }

  static calibrate(input: CalibrationInput): EmpiricalIntervals {
    const { values, horizon, scale } = input;
    const warmup = Math.min(Math.max(1, input.warmup), values.length - 1);
    const available = values.length - warmup;
    const maxOrigins = Math.max(
      30,
      Math.min(MAX_CALIBRATION_ORIGINS, Math.floor(MAX_CALIBRATION_ERRORS / horizon)),
    );
    const stride = Math.max(1, Math.ceil(available / maxOrigins));
    const origins: number[] = [];
    for (let origin = values.length - 1; origin >= warmup; origin -= stride) origins.push(origin);
    origins.reverse();
    const scaleFloor = 0.01 * mean(Float64Array.from(values, Math.abs)) || 1e-9;
    const forecasts = input.forecastsFrom(origins, horizon);
    const errors: number[][] = Array.from({ length: horizon }, () => []);
    origins.forEach((origin, o) => {
      const forecast = forecasts[o]!;
      for (let step = 0; step < horizon && origin + step < values.length; step++) {
        const error = values[origin + step]! - forecast[step]!;
        errors[step]!.push(
          scale === 'relative' ? error / Math.max(Math.abs(forecast[step]!), scaleFloor) : error,
        );
      }
    });
    if (errors.every((list) => list.length < 2)) {
      throw new HistoryTooShortError(
        `too little history after the model's first ${warmup} points to calibrate prediction intervals`,
      );
    }
    return new EmpiricalIntervals(
      errors.map((list) => Float64Array.from(list)),
      scale,
      scaleFloor,
    );
  }

  /** Errors behind the interval at `step` (1-based). */
  samples(step: number): number {
    return this.sortedByStep[step - 1]?.length ?? 0;
  }

  /** The interval at `step` (1-based) around `center` at a central `level` (e.g. 0.95). */
  bounds(step: number, center: number, level: number): { lower: number; upper: number } {
    const { lower, upper } = this.quantiles(level);
    const unit = this.scale === 'relative' ? Math.max(Math.abs(center), this.scaleFloor) : 1;
    return { lower: center + lower[step - 1]! * unit, upper: center + upper[step - 1]! * unit };
  }

  private quantiles(level: number) {
    if (!(level > 0 && level < 1))
      throw new InvalidParameterError(`interval level must be in (0, 1), got ${level}`);
    const cached = this.cache.get(level);
    if (cached) return cached;
    const horizon = this.sortedByStep.length;
    const lower = new Float64Array(horizon);
    const upper = new Float64Array(horizon);
    const tail = (1 - level) / 2;
    const z = normalQuantile(1 - tail);
    for (let index = 0; index < horizon; index++) {
      const sorted = this.sortedByStep[index]!;
      if (sorted.length >= MIN_SAMPLES) {
        lower[index] = quantileSorted(sorted, tail);
        upper[index] = quantileSorted(sorted, 1 - tail);
      } else {
        // Too few errors this far ahead: widen a better-sampled step's spread like a random walk.
        const known = this.referenceStep(index);
        const width =
          z *
          standardDeviation(this.sortedByStep[known]!) *
          Math.sqrt(Math.max(1, (index + 1) / (known + 1)));
        lower[index] = -width;
        upper[index] = width;
      }
    }
    const result = { lower, upper };
    this.cache.set(level, result);
    return result;
  }

  /** The last well-sampled step before `index`, else the best-sampled step. */
  private referenceStep(index: number): number {
    let best = 0;
    for (let step = Math.min(index, this.sortedByStep.length - 1); step >= 0; step--) {
      if (this.sortedByStep[step]!.length >= MIN_SAMPLES) return step;
    }
    this.sortedByStep.forEach((sorted, step) => {
      if (sorted.length > this.sortedByStep[best]!.length) best = step;
    });
    return best;
  }
}

/** Errors of step `index` together with the steps around it (up to ±3, fewer near the start). */
function pooled(errorsByStep: Float64Array[], index: number): Float64Array {
  const reach = Math.min(3, Math.floor(index / 4));
  const from = Math.max(0, index - reach);
  const to = Math.min(errorsByStep.length - 1, index + reach);
  const parts = errorsByStep.slice(from, to + 1);
  const all = new Float64Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

function standardDeviation(values: Float64Array): number {
  const center = mean(values);
  let sum = 0;
  for (const value of values) sum += (value - center) ** 2;
  return Math.sqrt(sum / Math.max(1, values.length - 1));
}
