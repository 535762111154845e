import { HistoryTooShortError } from '../errors';
import { calibratedModel, type ForecastModel } from './model';

/**
 * Repeats the last full cycle of the longest season (the last value when there is none): the baseline
 * every other model has to beat, and the scale of MASE.
 */
export const seasonalNaive: ForecastModel = {
  name: 'seasonal-naive',
  fitCore(series, context) {
    const period = Math.max(1, ...context.periods);
    const { values } = series;
    if (values.length < period + 1) {
      throw new HistoryTooShortError(
        `seasonal-naive needs at least ${period + 1} points, got ${values.length}`,
      );
    }
    const repeatFrom = (observed: number, horizon: number) =>
      Float64Array.from({ length: horizon }, (_, step) => values[observed - period + (step % period)]!);
    return {
      name: 'seasonal-naive',
      parameters: { period },
      scale: 'absolute',
      warmup: period,
      forecastMeans: (horizon) => repeatFrom(values.length, horizon),
      forecastsFrom: (origins, horizon) => origins.map((origin) => repeatFrom(origin, horizon)),
    };
  },
  fit: (series, context) => calibratedModel(seasonalNaive.fitCore(series, context), series, context),
};
