import {
  HistoryTooShortError,
  InvalidTimestampError,
  NegativeValueError,
  NonFiniteValueError,
} from './errors';

/** A metric sampled at a fixed step: timestamps in Unix milliseconds, evenly spaced and increasing. */
export interface Series {
  timestamps: number[];
  values: number[];
}

export interface SeriesValidationOptions {
  /** Fewest points accepted (default 2). */
  minLength?: number;
  /** Accept values below zero (default false: request rates cannot be negative). */
  allowNegative?: boolean;
}

/** Relative tolerance on the spacing, for timestamps that were rounded to whole seconds. */
const STEP_TOLERANCE = 0.01;

/**
 * Checks a series and returns its step in ms. Throws a named ForecastInputError for non-finite values,
 * negative values, bad or uneven timestamps and too short histories.
 */
export function validateSeries(series: Series, options: SeriesValidationOptions = {}): number {
  const { timestamps, values } = series;
  const minLength = Math.max(2, options.minLength ?? 2);
  if (timestamps.length !== values.length) {
    throw new InvalidTimestampError(
      `timestamps (${timestamps.length}) and values (${values.length}) must have the same length`,
    );
  }
  if (values.length < minLength) {
    throw new HistoryTooShortError(
      `the history has ${values.length} points; at least ${minLength} are needed`,
    );
  }
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) throw new NonFiniteValueError(`value ${i} is ${value}, not a finite number`);
    if (value < 0 && !options.allowNegative) {
      throw new NegativeValueError(`value ${i} is ${value}; rates must not be negative`);
    }
    if (!Number.isFinite(timestamps[i]!)) {
      throw new InvalidTimestampError(`timestamp ${i} is ${timestamps[i]}, not a finite number`);
    }
  }
  const step = timestamps[1]! - timestamps[0]!;
  if (!(step > 0)) throw new InvalidTimestampError('timestamps must be increasing');
  for (let i = 1; i < timestamps.length; i++) {
    const gap = timestamps[i]! - timestamps[i - 1]!;
    if (Math.abs(gap - step) > step * STEP_TOLERANCE) {
      throw new InvalidTimestampError(
        `timestamps must be evenly spaced: ${gap} ms between points ${i - 1} and ${i}, ${step} ms before`,
      );
    }
  }
  return (timestamps[timestamps.length - 1]! - timestamps[0]!) / (timestamps.length - 1);
}

/** The first `length` points of a series (a history cut at a forecast origin). */
export function headOf(series: Series, length: number): Series {
  return { timestamps: series.timestamps.slice(0, length), values: series.values.slice(0, length) };
}
