import { combination } from './combination';
import { holtWintersAdditive } from './holt-winters-additive';
import { holtWintersMultiplicative } from './holt-winters-multiplicative';
import type { ForecastModel } from './model';
import { seasonalNaive } from './seasonal-naive';
import { timeFeatureRegression } from './time-feature-regression';

/** Every forecasting model; model selection backtests each on the series and keeps the best. */
export const forecastModels: readonly ForecastModel[] = [
  seasonalNaive,
  holtWintersAdditive,
  holtWintersMultiplicative,
  timeFeatureRegression,
  combination,
];
