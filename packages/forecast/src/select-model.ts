import { type BacktestReport, type ModelScore, minimumHistory, rollingOriginBacktest } from './backtest';
import { HistoryTooShortError, InvalidParameterError } from './errors';
import { DEFAULT_LEVEL, type FittedModel, type ForecastModel } from './models/model';
import { forecastModels } from './models/registry';
import { detectSeasonality } from './seasonality';
import { type Series, validateSeries } from './series';

export interface SelectionOptions {
  /** Steps ahead the models are compared at (e.g. one day of steps). */
  horizon: number;
  /** Steps the returned model's intervals must cover (default `horizon`). */
  maxHorizon?: number;
  /** Backtest origins, one horizon apart, ending at the end of the history (default 7). */
  origins?: number;
  /** Central interval level (default 0.95). */
  level?: number;
  /** Figure the best model has the lowest of (default 'mase'). */
  metric?: 'mase' | 'smape';
  models?: readonly ForecastModel[];
  /** Accept values below zero (default false: rates). */
  allowNegative?: boolean;
}

export interface Selection {
  /** The chosen model, refitted on the whole series. */
  model: FittedModel;
  /** Its backtest figures. */
  score: ModelScore;
  /** Every candidate's backtest. */
  backtest: BacktestReport;
  /** Seasonal periods used, in points. */
  periods: number[];
  stepMs: number;
}

/**
 * Picks the model for a series by a rolling-origin backtest on its own recent history (the last `origins`
 * windows of `horizon` steps) and refits the winner on all of it. A weekly season the history is too short
 * to backtest is dropped rather than failing (a daily one likewise).
 */
export function selectModel(series: Series, options: SelectionOptions): Selection {
  const stepMs = validateSeries(series, { allowNegative: options.allowNegative });
  const { horizon } = options;
  const metric = options.metric ?? 'mase';
  const maxHorizon = options.maxHorizon ?? horizon;
  if (!Number.isInteger(maxHorizon) || maxHorizon < horizon) {
    throw new InvalidParameterError(
      `maxHorizon must be a whole number ≥ horizon (${horizon}), got ${maxHorizon}`,
    );
  }
  const periods = detectSeasonality(series.values, stepMs);
  while (periods.length > 0 && minimumHistory(periods, horizon) + horizon > series.values.length)
    periods.pop();
  const backtest = rollingOriginBacktest(series, {
    horizon,
    origins: options.origins ?? 7,
    spacing: horizon,
    periods,
    level: options.level ?? DEFAULT_LEVEL,
    models: options.models ?? forecastModels,
    allowNegative: options.allowNegative,
  });
  const best = backtest.scores.reduce<ModelScore | undefined>(
    (winner, candidate) =>
      !winner || (candidate[metric] < winner[metric] && Number.isFinite(candidate[metric]))
        ? candidate
        : winner,
    undefined,
  );
  if (!best) {
    throw new HistoryTooShortError(
      `no model could be fitted: ${backtest.failures.map((failure) => failure.reason).join('; ')}`,
    );
  }
  const chosen = (options.models ?? forecastModels).find((model) => model.name === best.model)!;
  return {
    model: chosen.fit(series, { stepMs, periods, maxHorizon }),
    score: best,
    backtest,
    periods,
    stepMs,
  };
}
