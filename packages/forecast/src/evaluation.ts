import { type BacktestReport, rollingOriginBacktest } from './backtest';
import { HistoryTooShortError } from './errors';
import { DEFAULT_MAX_INSTANCES, DEFAULT_MIN_INSTANCES } from './instances';
import { DEFAULT_LEVEL, type ForecastModel } from './models/model';
import { DAY_MS } from './seasonality';
import { type Series, validateSeries } from './series';
import { quantile } from './stats';

export interface EvaluationOptions {
  /** Steps forecast from each origin (default: one day of the series' steps). */
  horizon?: number;
  /** Forecast origins spread over the series (default 40). */
  origins?: number;
  level?: number;
  /** Rate one instance serves (default: the 99th percentile over three quarters of maxInstances). */
  qpsPerInstance?: number;
  minInstances?: number;
  maxInstances?: number;
  models?: readonly ForecastModel[];
}

export interface Evaluation {
  report: BacktestReport;
  horizon: number;
  qpsPerInstance: number;
  minInstances: number;
  maxInstances: number;
  /** The model selection would pick after the last origin: the lowest MASE over all windows. */
  chosen: string;
}

export const DEFAULT_EVALUATION_ORIGINS = 40;

/**
 * The forecast evaluation behind `pnpm forecast:eval`: a rolling-origin backtest of every model on any
 * series (negative values allowed; models that cannot handle them are reported as failed), with the
 * instances each forecast would have asked for.
 */
export function evaluateForecasts(series: Series, options: EvaluationOptions = {}): Evaluation {
  const stepMs = validateSeries(series, { allowNegative: true });
  const horizon = options.horizon ?? Math.max(1, Math.round(DAY_MS / stepMs));
  const minInstances = options.minInstances ?? DEFAULT_MIN_INSTANCES;
  const maxInstances = options.maxInstances ?? DEFAULT_MAX_INSTANCES;
  const busy = quantile(series.values, 0.99);
  const qpsPerInstance = options.qpsPerInstance ?? (busy > 0 ? busy / (0.75 * maxInstances) : 1);
  const report = rollingOriginBacktest(series, {
    horizon,
    origins: options.origins ?? DEFAULT_EVALUATION_ORIGINS,
    level: options.level ?? DEFAULT_LEVEL,
    models: options.models,
    capacity: { qpsPerInstance, minInstances, maxInstances },
    allowNegative: true,
  });
  if (report.scores.length === 0) {
    throw new HistoryTooShortError(
      `no model could be fitted: ${report.failures.map((f) => f.reason).join('; ')}`,
    );
  }
  const chosen = report.scores.reduce((best, score) => (score.mase < best.mase ? score : best)).model;
  return { report, horizon, qpsPerInstance, minInstances, maxInstances, chosen };
}
