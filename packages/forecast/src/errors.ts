/**
 * Errors for input that will never be valid: the API answers them with 400. Every one extends
 * ForecastInputError, so a caller can map the whole family with one `instanceof`.
 */
export class ForecastInputError extends Error {
  override name = 'ForecastInputError';
}

/** A rate below zero: request rates cannot be negative. */
export class NegativeValueError extends ForecastInputError {
  override name = 'NegativeValueError';
}

/** NaN or ±Infinity where a number is needed. */
export class NonFiniteValueError extends ForecastInputError {
  override name = 'NonFiniteValueError';
}

/** Timestamps that are not finite, not increasing, not evenly spaced, or outside what the model covers. */
export class InvalidTimestampError extends ForecastInputError {
  override name = 'InvalidTimestampError';
}

/** Fewer points than the model or the backtest needs. */
export class HistoryTooShortError extends ForecastInputError {
  override name = 'HistoryTooShortError';
}

/** A forecast horizon longer than the model was calibrated for, or not a positive whole number of steps. */
export class HorizonTooLongError extends ForecastInputError {
  override name = 'HorizonTooLongError';
}

/** An option outside its range (interval level, instances per rate, bounds). */
export class InvalidParameterError extends ForecastInputError {
  override name = 'InvalidParameterError';
}

/** A CSV file that cannot be read as a `timestamp,value` series. */
export class CsvFormatError extends ForecastInputError {
  override name = 'CsvFormatError';
}

/**
 * A model that cannot describe this series (e.g. multiplicative seasonality on values at or below zero).
 * Not an input error: model selection skips such a model.
 */
export class ModelNotApplicableError extends Error {
  override name = 'ModelNotApplicableError';
}
