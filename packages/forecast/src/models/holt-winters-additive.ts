import { fitHoltWinters } from './exponential-smoothing';
import { calibratedModel, type ForecastModel } from './model';

/** Holt–Winters with seasonal swings of a fixed size, one season per detected period. */
export const holtWintersAdditive: ForecastModel = {
  name: 'holt-winters-additive',
  fitCore: (series, context) => fitHoltWinters('holt-winters-additive', 'additive', series, context),
  fit: (series, context) => calibratedModel(holtWintersAdditive.fitCore(series, context), series, context),
};
