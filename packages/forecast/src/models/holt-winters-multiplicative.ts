import { fitHoltWinters } from './exponential-smoothing';
import { calibratedModel, type ForecastModel } from './model';

/** Holt–Winters with seasonal swings proportional to the level; needs values above zero. */
export const holtWintersMultiplicative: ForecastModel = {
  name: 'holt-winters-multiplicative',
  fitCore: (series, context) =>
    fitHoltWinters('holt-winters-multiplicative', 'multiplicative', series, context),
  fit: (series, context) =>
    calibratedModel(holtWintersMultiplicative.fitCore(series, context), series, context),
};
