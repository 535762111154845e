import { HistoryTooShortError, InvalidParameterError, ModelNotApplicableError } from './errors';
import { recommendInstances } from './instances';
import {
  intervalCoverage,
  meanAbsoluteError,
  seasonalNaiveScale,
  symmetricMape,
  underProvisioningRate,
} from './metrics';
import { DEFAULT_LEVEL, type ForecastModel, type ForecastPoint } from './models/model';
import { forecastModels } from './models/registry';
import { detectSeasonality } from './seasonality';
import { headOf, type Series, validateSeries } from './series';

/** Instances per forecast point, for the under-provisioning rate. */
export interface CapacityOptions {
  qpsPerInstance: number;
  minInstances?: number;
  maxInstances?: number;
}

export interface BacktestOptions {
  /** Steps forecast from each origin. */
  horizon: number;
  /** Forecast origins (default 20). */
  origins?: number;
  /**
   * Steps between origins, counted back from the last possible one. Without it, origins are spread
   * evenly from the shortest usable history to the end.
   */
  spacing?: number;
  /** Seasonal periods to use at every origin; by default detected on the history before each origin. */
  periods?: number[];
  /** Central level of the intervals scored (default 0.95). */
  level?: number;
  models?: readonly ForecastModel[];
  capacity?: CapacityOptions;
  /** Accept values below zero (default false). */
  allowNegative?: boolean;
}

/** One model's figures over all origins. */
export interface ModelScore {
  model: string;
  /** Mean absolute error. */
  mae: number;
  /** Symmetric MAPE, percent. */
  smape: number;
  /**
   * Mean absolute scaled error: each error over the in-sample MAE of seasonal-naive at the longest seasonal
   * period, on the history before its origin (Hyndman & Koehler; R forecast's convention for multi-seasonal
   * series). Below 1 beats what seasonal-naive did in-sample.
   */
  mase: number;
  /**
   * MASE scaled at the shortest seasonal period instead (one step when there is none): fable's default, and
   * M4's and GluonTS's for sub-daily data. A daily seasonal-naive errs far more than a weekly one on demand
   * with weekends, so this figure is lenient: the weekly seasonal-naive model itself scores well below 1.
   */
  maseShortestSeason: number;
  /** MAE over seasonal-naive's MAE on the same windows (NaN when seasonal-naive is not among the models). */
  relativeMae: number;
  /** Share of actual values inside the intervals. */
  coverage: number;
  /** Share of points where instances recommended from the upper bound were too few (NaN without capacity). */
  underProvisioning: number;
  /** Forecast points scored. */
  points: number;
}

/** A model that could not be fitted at some origin (and was left out from then on), with why. */
export interface ModelFailure {
  model: string;
  reason: string;
}

export interface BacktestReport {
  horizon: number;
  level: number;
  stepMs: number;
  /** Forecast origins: points of history before each forecast. */
  origins: number[];
  /** Seasonal periods used at the last origin. */
  periods: number[];
  /** Per model, in the order given. */
  scores: ModelScore[];
  /**
   * Model selection as it would have run: at each origin the model with the lowest MASE over the earlier
   * windows already complete then (seasonal-naive while there are none), scored on its forecast there.
   */
  selected: ModelScore;
  /** How many origins each model was selected at. */
  selections: Record<string, number>;
  failures: ModelFailure[];
}

/** Points of history the first origin needs: the models' fits plus room to calibrate intervals. */
export function minimumHistory(periods: number[], horizon: number): number {
  const longest = Math.max(1, ...periods);
  return Math.max(3 * longest, 2 * horizon + longest, 20);
}

/** Where the forecasts start: `count` origins evenly spread, or spaced back from the end. */
function chooseOrigins(
  length: number,
  first: number,
  horizon: number,
  count: number,
  spacing?: number,
): number[] {
  const last = length - horizon;
  if (last < first) {
    throw new HistoryTooShortError(
      `a backtest at a horizon of ${horizon} steps needs at least ${first + horizon} points, got ${length}`,
    );
  }
  const origins: number[] = [];
  if (spacing !== undefined) {
    for (let origin = last; origin >= first && origins.length < count; origin -= spacing)
      origins.push(origin);
    return origins.reverse();
  }
  for (let i = 0; i < count; i++) {
    const origin = count === 1 ? last : Math.round(first + ((last - first) * i) / (count - 1));
    if (origin !== origins[origins.length - 1]) origins.push(origin);
  }
  return origins;
}

/** A model's forecast from one origin, with what it is scored against. */
interface Window {
  origin: number;
  actual: number[];
  forecast: ForecastPoint[];
  /** In-sample seasonal-naive MAE of the history before the origin, at the shortest and the longest period. */
  scales: Record<ScaleSeason, number>;
}

type ScaleSeason = 'shortest' | 'longest';

function score(
  model: string,
  windows: Window[],
  baselineMae: number,
  level: number,
  capacity?: CapacityOptions,
) {
  const actual = windows.flatMap((window) => window.actual);
  const points = windows.flatMap((window) => window.forecast);
  const mean = points.map((point) => point.mean);
  const mae = meanAbsoluteError(actual, mean);
  const instances = capacity
    ? points.map(
        (point) =>
          recommendInstances({ meanQps: point.mean, upperQps: point.upper, level, ...capacity }).instances,
      )
    : [];
  return {
    model,
    mae,
    smape: symmetricMape(actual, mean),
    mase: meanScaledError(windows, 'longest'),
    maseShortestSeason: meanScaledError(windows, 'shortest'),
    relativeMae: mae / baselineMae,
    coverage: intervalCoverage(
      actual,
      points.map((point) => point.lower),
      points.map((point) => point.upper),
    ),
    underProvisioning: capacity
      ? underProvisioningRate(actual, instances, capacity.qpsPerInstance)
      : Number.NaN,
    points: actual.length,
  };
}

function meanScaledError(windows: Window[], season: ScaleSeason): number {
  let sum = 0;
  let count = 0;
  for (const { actual, forecast, scales } of windows) {
    const scale = scales[season];
    actual.forEach((value, i) => {
      const error = Math.abs(value - forecast[i]!.mean);
      sum += scale > 0 ? error / scale : error === 0 ? 0 : Number.POSITIVE_INFINITY;
      count++;
    });
  }
  return sum / count;
}

/**
 * Rolling-origin backtest: at each origin every model is fitted on the history before it and forecasts
 * `horizon` steps, which are scored against what came.
 */
export function rollingOriginBacktest(series: Series, options: BacktestOptions): BacktestReport {
  const stepMs = validateSeries(series, { allowNegative: options.allowNegative });
  const { horizon } = options;
  const level = options.level ?? DEFAULT_LEVEL;
  const models = options.models ?? forecastModels;
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new InvalidParameterError(`horizon must be a whole number of steps, at least 1 (got ${horizon})`);
  }
  const count = options.origins ?? 20;
  if (!Number.isInteger(count) || count < 1) {
    throw new InvalidParameterError(`origins must be a whole number, at least 1 (got ${count})`);
  }
  const periodsAt = (history: Series) => options.periods ?? detectSeasonality(history.values, stepMs);
  const origins = chooseOrigins(
    series.values.length,
    minimumHistory(periodsAt(series), horizon),
    horizon,
    count,
    options.spacing,
  );
  const windows = new Map<string, Window[]>(models.map((model) => [model.name, []]));
  const selectedWindows: Window[] = [];
  const selections: Record<string, number> = {};
  const failures = new Map<string, string>();
  let periods: number[] = [];
  for (const origin of origins) {
    const history = headOf(series, origin);
    periods = periodsAt(history);
    const scales = {
      shortest: seasonalNaiveScale(history.values, periods.length > 0 ? Math.min(...periods) : 1),
      longest: seasonalNaiveScale(history.values, Math.max(1, ...periods)),
    };
    const actual = series.values.slice(origin, origin + horizon);
    let choice: { window: Window; pastError: number; model: string } | undefined;
    for (const model of models) {
      if (failures.has(model.name)) continue;
      let forecast: ForecastPoint[];
      try {
        forecast = model.fit(history, { stepMs, periods, maxHorizon: horizon }).forecast(horizon, level);
      } catch (error) {
        if (!(error instanceof ModelNotApplicableError || error instanceof HistoryTooShortError)) throw error;
        failures.set(model.name, error.message);
        continue;
      }
      const all = windows.get(model.name)!;
      // Only windows whose actual values were all known at this origin.
      const past = all.filter((window) => window.origin + horizon <= origin);
      const pastError =
        past.length > 0 ? meanScaledError(past, 'longest') : model.name === 'seasonal-naive' ? 0 : 1;
      const window = { origin, actual, forecast, scales };
      if (!choice || pastError < choice.pastError) choice = { window, pastError, model: model.name };
      all.push(window);
    }
    if (choice) {
      selectedWindows.push(choice.window);
      selections[choice.model] = (selections[choice.model] ?? 0) + 1;
    }
  }
  const baseline = failures.has('seasonal-naive') ? undefined : windows.get('seasonal-naive');
  const baselineMae = baseline
    ? meanAbsoluteError(
        baseline.flatMap((window) => window.actual),
        baseline.flatMap((window) => window.forecast.map((point) => point.mean)),
      )
    : Number.NaN;
  return {
    horizon,
    level,
    stepMs,
    origins,
    periods,
    scores: models
      .filter((model) => !failures.has(model.name))
      .map((model) => score(model.name, windows.get(model.name)!, baselineMae, level, options.capacity)),
    selected: score('selected', selectedWindows, baselineMae, level, options.capacity),
    selections,
    failures: [...failures].map(([model, reason]) => ({ model, reason })),
  };
}
