import { HistoryTooShortError, ModelNotApplicableError } from '../errors';
import { minimize } from '../optimize';
import type { Series } from '../series';
import type { FitContext, ModelCore } from './model';

/**
 * Holt–Winters exponential smoothing in error-correction form: a level, one seasonal component per
 * detected period (Taylor's double seasonal method when both daily and weekly seasons are present) and a
 * first-order autoregressive correction of the last one-step error. There is no trend term: at a horizon of
 * a day, a trend on request rates extrapolates noise, and backtests on taxi demand were worse with a damped
 * one. Innovations are clipped (Huber) before they update the states, so a holiday does not come back a
 * week later. The weights are chosen by Nelder–Mead from a fixed start, minimising the absolute error of
 * forecasts up to the horizon in demand (not only one step ahead), so fitting is deterministic.
 */
export type SeasonalForm = 'additive' | 'multiplicative';

/** Longest history used, in cycles of the longest season: older data only slows the fit. */
const HISTORY_CYCLES = 12;
/** Points used when there is no season. */
const HISTORY_WITHOUT_SEASON = 2000;
/** Innovations are clipped at this many running deviations. */
const CLIP = 2.5;
/** Weight of each new innovation in the running deviation. */
const SCALE_SMOOTHING = 0.02;
/** Ratio of standard to mean absolute deviation for normal errors. */
const MEAN_TO_DEVIATION = Math.sqrt(Math.PI / 2);
/** Multi-step forecasts scored while fitting: one every quarter of the horizon. */
const FIT_ORIGINS_PER_HORIZON = 4;

interface Weights {
  alpha: number;
  gammas: number[];
  autoregression: number;
}

interface State {
  level: number;
  seasons: Float64Array[];
  /** Last one-step error before the autoregressive correction (relative for multiplicative). */
  lastError: number;
  /** Robust running standard deviation of the innovations (relative for multiplicative). */
  scale: number;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

function weightsFrom(point: number[], seasonCount: number): Weights {
  return {
    alpha: logistic(point[0]!),
    gammas: Array.from({ length: seasonCount }, (_, k) => logistic(point[1 + k]!)),
    autoregression: 0.99 * logistic(point[1 + seasonCount]!),
  };
}

/** Level from the first cycle, seasons from the first two cycles, each net of the shorter seasons. */
function initialState(values: ArrayLike<number>, periods: number[], form: SeasonalForm): State {
  const longest = periods[periods.length - 1] ?? 0;
  const span = Math.max(1, Math.min(values.length, longest || 10));
  let level = 0;
  for (let i = 0; i < span; i++) level += values[i]! / span;
  if (form === 'multiplicative' && !(level > 0)) {
    throw new ModelNotApplicableError('multiplicative seasonality needs a positive level');
  }
  const initSpan = Math.min(values.length, 2 * longest);
  const seasons: Float64Array[] = [];
  for (const period of periods) {
    const sums = new Float64Array(period);
    const counts = new Float64Array(period);
    for (let t = 0; t < initSpan; t++) {
      let base = level;
      for (let k = 0; k < seasons.length; k++) {
        const earlier = seasons[k]![t % periods[k]!]!;
        base = form === 'additive' ? base + earlier : base * earlier;
      }
      sums[t % period]! += form === 'additive' ? values[t]! - base : values[t]! / base;
      counts[t % period]! += 1;
    }
    const neutral = form === 'additive' ? 0 : 1;
    seasons.push(sums.map((sum, i) => (counts[i]! > 0 ? sum / counts[i]! : neutral)));
  }
  const lag = periods[0] ?? 1;
  const end = Math.min(values.length, Math.max(initSpan, lag + 1));
  let spread = 0;
  for (let t = lag; t < end; t++) {
    const change = values[t]! - values[t - lag]!;
    spread += form === 'additive' ? Math.abs(change) : Math.abs(change / values[t - lag]!);
  }
  const scale = (MEAN_TO_DEVIATION * spread) / Math.max(1, end - lag) || 1e-9;
  return { level, seasons, lastError: 0, scale };
}

/** Mean forecasts for the `horizon` steps after time index `lastIndex` was observed. */
function projectFrom(
  state: State,
  periods: number[],
  form: SeasonalForm,
  weights: Weights,
  lastIndex: number,
  horizon: number,
): Float64Array {
  const means = new Float64Array(horizon);
  let correction = 1;
  for (let step = 1; step <= horizon; step++) {
    correction *= weights.autoregression;
    const t = lastIndex + step;
    let mean =
      form === 'additive'
        ? state.level + correction * state.lastError
        : state.level * (1 + correction * state.lastError);
    for (let k = 0; k < periods.length; k++) {
      const season = state.seasons[k]![t % periods[k]!]!;
      mean = form === 'additive' ? mean + season : mean * season;
    }
    means[step - 1] = mean;
  }
  return means;
}

interface RunOptions {
  /** Score forecasts from this index on. */
  scoreFrom: number;
  /** Steps of the multi-step forecasts scored. */
  horizon: number;
  /** Forecasts to hand to onOrigin, by points observed; ascending. */
  origins?: number[];
  onOrigin?: (originIndex: number, means: Float64Array) => void;
}

/**
 * Filters the series through the model; returns the total absolute error of the multi-step forecasts
 * made along the way (Infinity when the states break down) and the final state.
 */
function run(
  values: ArrayLike<number>,
  periods: number[],
  form: SeasonalForm,
  weights: Weights,
  options: RunOptions,
): { loss: number; state: State } {
  const state = initialState(values, periods, form);
  const { alpha, gammas, autoregression } = weights;
  const origins = options.origins ?? [];
  const stride = Math.max(1, Math.floor(options.horizon / FIT_ORIGINS_PER_HORIZON));
  let nextOrigin = 0;
  let loss = 0;
  for (let t = 0; t < values.length; t++) {
    if (!options.onOrigin && t >= options.scoreFrom && t % stride === 0) {
      const ahead = projectFrom(
        state,
        periods,
        form,
        weights,
        t - 1,
        Math.min(options.horizon, values.length - t),
      );
      for (let j = 0; j < ahead.length; j++) loss += Math.abs(values[t + j]! - ahead[j]!);
    }
    while (nextOrigin < origins.length && origins[nextOrigin] === t) {
      options.onOrigin?.(nextOrigin, projectFrom(state, periods, form, weights, t - 1, options.horizon));
      nextOrigin++;
    }
    let plain = state.level;
    for (let k = 0; k < periods.length; k++) {
      const season = state.seasons[k]![t % periods[k]!]!;
      plain = form === 'additive' ? plain + season : plain * season;
    }
    const predicted =
      form === 'additive'
        ? plain + autoregression * state.lastError
        : plain * (1 + autoregression * state.lastError);
    if (form === 'multiplicative' && !(predicted > 0 && state.level > 0)) {
      return { loss: Number.POSITIVE_INFINITY, state };
    }
    const y = values[t]!;
    // Innovations beyond CLIP running deviations enter the states clipped: a holiday moves them no more
    // than an ordinary bad hour does.
    const innovation = form === 'additive' ? y - predicted : (y - predicted) / predicted;
    const limit = CLIP * state.scale;
    // A multiplicative state may shrink at most tenfold in one step, so it stays above zero.
    const clipped = Math.max(
      form === 'additive' ? -limit : Math.max(-limit, -0.9),
      Math.min(limit, innovation),
    );
    state.scale =
      (1 - SCALE_SMOOTHING) * state.scale + SCALE_SMOOTHING * MEAN_TO_DEVIATION * Math.abs(clipped);
    if (form === 'additive') {
      state.level += alpha * clipped;
      for (let k = 0; k < periods.length; k++) state.seasons[k]![t % periods[k]!]! += gammas[k]! * clipped;
      state.lastError = y - plain;
    } else {
      state.level *= 1 + alpha * clipped;
      for (let k = 0; k < periods.length; k++)
        state.seasons[k]![t % periods[k]!]! *= 1 + gammas[k]! * clipped;
      state.lastError = y / plain - 1;
    }
  }
  while (nextOrigin < origins.length && origins[nextOrigin] === values.length) {
    options.onOrigin?.(
      nextOrigin,
      projectFrom(state, periods, form, weights, values.length - 1, options.horizon),
    );
    nextOrigin++;
  }
  return { loss, state };
}

/** Fits Holt–Winters of the given seasonal form on the recent history. */
export function fitHoltWinters(
  name: string,
  form: SeasonalForm,
  series: Series,
  context: FitContext,
): ModelCore {
  const periods = [...context.periods].sort((a, b) => a - b);
  const longest = periods[periods.length - 1] ?? 0;
  const minLength = Math.max(2 * longest, 10);
  if (series.values.length < minLength) {
    throw new HistoryTooShortError(`${name} needs at least ${minLength} points, got ${series.values.length}`);
  }
  if (form === 'multiplicative' && series.values.some((value) => !(value > 0))) {
    throw new ModelNotApplicableError(`${name} needs values above zero`);
  }
  const keep = longest > 0 ? HISTORY_CYCLES * longest : HISTORY_WITHOUT_SEASON;
  const start = Math.max(0, series.values.length - keep);
  const values = series.values.slice(start);
  const scoreFrom = Math.min(longest, Math.floor(values.length / 2));
  const horizon = context.maxHorizon;
  const best = minimize(
    (point) => run(values, periods, form, weightsFrom(point, periods.length), { scoreFrom, horizon }).loss,
    [logit(0.1), ...periods.map(() => logit(0.1)), logit(0.5)],
    { step: 1, maxEvaluations: 100 + 50 * periods.length },
  );
  if (!Number.isFinite(best.value)) {
    throw new ModelNotApplicableError(`${name} breaks down on this series for every weight tried`);
  }
  const weights = weightsFrom(best.point, periods.length);
  const { state } = run(values, periods, form, weights, { scoreFrom, horizon });
  const parameters: Record<string, number> = { alpha: weights.alpha, autoregression: weights.autoregression };
  periods.forEach((period, k) => {
    parameters[`gamma_${period}`] = weights.gammas[k]!;
  });
  return {
    name,
    parameters,
    scale: form === 'additive' ? 'absolute' : 'relative',
    warmup: start + Math.max(longest, scoreFrom),
    forecastMeans: (steps) => projectFrom(state, periods, form, weights, values.length - 1, steps),
    forecastsFrom: (origins, steps) => {
      const forecasts: Float64Array[] = new Array(origins.length);
      run(values, periods, form, weights, {
        scoreFrom,
        horizon: steps,
        origins: origins.map((origin) => origin - start),
        onOrigin: (index, means) => {
          forecasts[index] = means;
        },
      });
      return forecasts;
    },
  };
}
