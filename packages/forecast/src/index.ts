export {
  type BacktestOptions,
  type BacktestReport,
  type CapacityOptions,
  type ModelFailure,
  type ModelScore,
  minimumHistory,
  rollingOriginBacktest,
} from './backtest';
export { parseSeriesCsv, parseTimestamp } from './csv';
export {
  CsvFormatError,
  ForecastInputError,
  HistoryTooShortError,
  HorizonTooLongError,
  InvalidParameterError,
  InvalidTimestampError,
  ModelNotApplicableError,
  NegativeValueError,
  NonFiniteValueError,
} from './errors';
export {
  DEFAULT_EVALUATION_ORIGINS,
  type Evaluation,
  type EvaluationOptions,
  evaluateForecasts,
} from './evaluation';
export {
  DEFAULT_MAX_INSTANCES,
  DEFAULT_MIN_INSTANCES,
  type InstanceRecommendation,
  type InstanceRequest,
  recommendInstances,
  validateCapacity,
} from './instances';
export { EmpiricalIntervals, type ErrorScale } from './intervals';
export { LoadPredictor, type LoadPredictorOptions } from './load-predictor';
export {
  intervalCoverage,
  meanAbsoluteError,
  seasonalNaiveScale,
  symmetricMape,
  underProvisioningRate,
} from './metrics';
export { combination } from './models/combination';
export { holtWintersAdditive } from './models/holt-winters-additive';
export { holtWintersMultiplicative } from './models/holt-winters-multiplicative';
export {
  DEFAULT_LEVEL,
  type FitContext,
  type FittedModel,
  type ForecastModel,
  type ForecastPoint,
  type ModelCore,
} from './models/model';
export { forecastModels } from './models/registry';
export { seasonalNaive } from './models/seasonal-naive';
export { type AnchoredModel, timeFeatureRegression } from './models/time-feature-regression';
export { type EvenSeries, evenlySpaced } from './regularize';
export {
  autocorrelation,
  DAY_MS,
  detectSeasonality,
  HOUR_MS,
  type SeasonalityOptions,
  WEEK_MS,
} from './seasonality';
export { type Selection, type SelectionOptions, selectModel } from './select-model';
export { type Series, type SeriesValidationOptions, validateSeries } from './series';
