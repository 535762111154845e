import type { PredictData, TrendData } from '@aiops/contracts';
import {
  HorizonTooLongError,
  InvalidParameterError,
  InvalidTimestampError,
  NegativeValueError,
  NonFiniteValueError,
} from './errors';
import { type InstanceRecommendation, recommendInstances, validateCapacity } from './instances';
import { DEFAULT_LEVEL, type FittedModel, type ForecastPoint } from './models/model';
import { type AnchoredModel, timeFeatureRegression } from './models/time-feature-regression';
import { DAY_MS, HOUR_MS } from './seasonality';
import { type Selection, selectModel } from './select-model';
import { type Series, validateSeries } from './series';

export interface LoadPredictorOptions {
  /** Request rate one instance serves. */
  qpsPerInstance: number;
  minInstances?: number;
  /** PREDICTION_MAX_INSTANCES (default 20). */
  maxInstances?: number;
  /** Central interval level (default 0.95). */
  level?: number;
  /** Horizon the models are compared at, in ms (default 24 h). */
  selectionHorizonMs?: number;
  /** Longest trend, in ms (default 168 h, the trend endpoint's limit). */
  maxTrendMs?: number;
  /** How far ahead a prediction provisions for, in ms (default 1 h; at least one step). */
  lookaheadMs?: number;
  /** Backtest origins for model selection (default 7). */
  origins?: number;
}

/** The busiest point ahead (highest upper bound) and the instances it needs. */
interface Provisioning {
  peak: ForecastPoint;
  recommendation: InstanceRecommendation;
}

const iso = (timestamp: number) => new Date(timestamp).toISOString();

/**
 * Request-rate predictions for the API and the scheduled job, from one fitted history: the model chosen
 * by backtest forecasts ahead (GET /predict, trend), and a time-feature regression answers from a single
 * current rate (POST /predict). Refit it with `LoadPredictor.fit` on fresh history to refresh.
 */
export class LoadPredictor {
  private constructor(
    /** The chosen model and its backtest. */
    readonly selection: Selection,
    private readonly anchored: AnchoredModel,
    private readonly history: Series,
    private readonly options: Required<LoadPredictorOptions>,
    private readonly lookaheadSteps: number,
  ) {}

  /** Chooses, fits and calibrates the models on `series` (evenly spaced request rates). */
  static fit(series: Series, options: LoadPredictorOptions): LoadPredictor {
    const settings: Required<LoadPredictorOptions> = {
      minInstances: 1,
      maxInstances: 20,
      level: DEFAULT_LEVEL,
      selectionHorizonMs: DAY_MS,
      maxTrendMs: 168 * HOUR_MS,
      lookaheadMs: HOUR_MS,
      origins: 7,
      ...options,
    };
    validateCapacity(settings);
    const stepMs = validateSeries(series);
    const stepsIn = (ms: number) => Math.max(1, Math.ceil(ms / stepMs - 1e-9));
    const horizon = stepsIn(settings.selectionHorizonMs);
    const lookaheadSteps = stepsIn(settings.lookaheadMs);
    const maxHorizon = Math.max(horizon, lookaheadSteps, stepsIn(settings.maxTrendMs));
    const selection = selectModel(series, {
      horizon,
      maxHorizon,
      origins: settings.origins,
      level: settings.level,
    });
    const anchored = isAnchored(selection.model)
      ? selection.model
      : timeFeatureRegression.fit(series, { stepMs, periods: selection.periods, maxHorizon: lookaheadSteps });
    return new LoadPredictor(selection, anchored, series, settings, lookaheadSteps);
  }

  /** The chosen model's name and the end of the history it was fitted on. */
  get modelVersion(): string {
    return `${this.selection.model.name}@${iso(this.selection.model.lastTimestamp)}`;
  }

  /** The prediction for the next lookahead after the history (GET /api/v1/predict, the scheduled job). */
  current(): PredictData {
    const last = this.history.values.length - 1;
    const forecast = this.selection.model.forecast(this.lookaheadSteps, this.options.level);
    return this.answer(
      { type: 'forecast', version: this.modelVersion },
      this.history.values[last]!,
      this.history.timestamps[last]!,
      forecast,
    );
  }

  /**
   * The prediction from one current rate (POST /api/v1/predict): the time-of-week profile plus the current
   * deviation from it. The timestamp must lie between the history's start and the longest trend after it.
   */
  fromCurrent(request: { currentQps: number; timestamp: number }): PredictData {
    const { currentQps, timestamp } = request;
    if (!Number.isFinite(currentQps))
      throw new NonFiniteValueError(`current_qps is ${currentQps}, not a finite number`);
    if (currentQps < 0)
      throw new NegativeValueError(`current_qps is ${currentQps}; rates must not be negative`);
    const first = this.history.timestamps[0]!;
    const latest = this.selection.model.lastTimestamp + this.options.maxTrendMs;
    if (!Number.isFinite(timestamp) || timestamp < first || timestamp > latest) {
      throw new InvalidTimestampError(
        `timestamp ${Number.isFinite(timestamp) ? iso(timestamp) : timestamp} is outside ${iso(first)} … ${iso(latest)}, the span the model knows`,
      );
    }
    const forecast = this.anchored.forecastFrom(
      { timestamp, value: currentQps },
      this.lookaheadSteps,
      this.options.level,
    );
    const version = `${this.anchored.name}@${iso(this.anchored.lastTimestamp)}`;
    return this.answer({ type: 'current', version }, currentQps, timestamp, forecast);
  }

  /** Points every `stepMinutes` over the next `hours` with intervals and instances (the trend endpoint). */
  trend(query: { hours: number; stepMinutes: number }): TrendData {
    const { hours, stepMinutes } = query;
    const model = this.selection.model;
    if (!(hours > 0) || !Number.isFinite(hours))
      throw new InvalidParameterError(`hours must be positive, got ${hours}`);
    if (!Number.isInteger(stepMinutes) || stepMinutes < 1) {
      throw new InvalidParameterError(
        `step_minutes must be a whole number of at least 1, got ${stepMinutes}`,
      );
    }
    const spanMs = hours * HOUR_MS;
    if (spanMs > this.options.maxTrendMs + 1e-6) {
      throw new HorizonTooLongError(
        `hours must be at most ${this.options.maxTrendMs / HOUR_MS}, got ${hours}`,
      );
    }
    const forecast = model.forecast(
      Math.min(model.maxHorizon, Math.ceil(spanMs / model.stepMs - 1e-9)),
      this.options.level,
    );
    const bucketMs = stepMinutes * 60_000;
    const points = [];
    for (
      let end = model.lastTimestamp + bucketMs;
      end <= model.lastTimestamp + spanMs + 1e-6;
      end += bucketMs
    ) {
      const inBucket = forecast.filter((point) => point.timestamp > end - bucketMs && point.timestamp <= end);
      // A bucket finer than the series' step takes the forecast step it falls in.
      const covering =
        inBucket.length > 0 ? inBucket : forecast.filter((point) => point.timestamp >= end).slice(0, 1);
      if (covering.length === 0) break;
      const qps = covering.reduce((sum, point) => sum + point.mean, 0) / covering.length;
      const lower = Math.min(...covering.map((point) => point.lower));
      const upper = Math.max(...covering.map((point) => point.upper));
      points.push({
        timestamp: iso(end),
        qps,
        lower,
        upper,
        instances: this.recommend({ timestamp: end, mean: qps, lower, upper }).instances,
      });
    }
    return { model_version: this.modelVersion, horizon_hours: hours, points };
  }

  private recommend(point: ForecastPoint): InstanceRecommendation {
    const { qpsPerInstance, minInstances, maxInstances, level } = this.options;
    return recommendInstances({
      meanQps: point.mean,
      upperQps: point.upper,
      level,
      qpsPerInstance,
      minInstances,
      maxInstances,
    });
  }

  private provision(forecast: ForecastPoint[]): Provisioning {
    const peak = forecast.reduce((busiest, point) => (point.upper > busiest.upper ? point : busiest));
    return { peak, recommendation: this.recommend(peak) };
  }

  private answer(
    model: { type: 'forecast' | 'current'; version: string },
    currentQps: number,
    timestamp: number,
    forecast: ForecastPoint[],
  ): PredictData {
    const { peak, recommendation } = this.provision(forecast);
    const { score, periods, stepMs } = this.selection;
    return {
      instances: recommendation.instances,
      current_qps: currentQps,
      timestamp: iso(timestamp),
      confidence: recommendation.confidence,
      model_version: model.version,
      prediction_type: model.type,
      features: {
        predicted_qps: peak.mean,
        lower_qps: peak.lower,
        upper_qps: peak.upper,
        peak_at: iso(peak.timestamp),
        lookahead_minutes: (this.lookaheadSteps * stepMs) / 60_000,
        interval_level: this.options.level,
        qps_per_instance: this.options.qpsPerInstance,
        required_instances: recommendation.required,
        capped: recommendation.capped,
        seasonality_hours: periods.map((period) => (period * stepMs) / HOUR_MS).join(','),
        backtest_mase: score.mase,
        backtest_coverage: score.coverage,
        history_points: this.history.values.length,
      },
    };
  }
}

function isAnchored(model: FittedModel): model is AnchoredModel {
  return 'forecastFrom' in model;
}
