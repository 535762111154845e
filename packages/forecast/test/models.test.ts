import { describe, expect, it } from 'vitest';
import {
  detectSeasonality,
  type FitContext,
  type ForecastPoint,
  forecastModels,
  holtWintersMultiplicative,
  ModelNotApplicableError,
  meanAbsoluteError,
  timeFeatureRegression,
} from '../src/index';
import { dailyWeeklyTruth, HALF_HOUR_MS, sampleSeries, seededNormal } from './synthetic';

const NOISE = 3;
const series = sampleSeries(5 * 336, dailyWeeklyTruth, NOISE);
const context: FitContext = { stepMs: HALF_HOUR_MS, periods: [48, 336], maxHorizon: 96 };

/** Mean absolute error of a forecast against the noise-free demand it was drawn from. */
const errorFromTruth = (forecast: ForecastPoint[]) =>
  meanAbsoluteError(
    forecast.map((point) => dailyWeeklyTruth(point.timestamp)),
    forecast.map((point) => point.mean),
  );

describe.each(forecastModels.map((model) => [model.name, model] as const))('%s', (_, model) => {
  it('recovers daily and weekly seasonality: forecasts over two days close to the noise-free truth', () => {
    const forecast = model.fit(series, context).forecast(96);
    // A weekday swings by ±40 and a weekend day sits 25 lower; without the seasons the error would be ~30.
    expect(errorFromTruth(forecast)).toBeLessThan(1.5 * NOISE);
    expect(forecast[0]!.timestamp).toBe(series.timestamps.at(-1)! + HALF_HOUR_MS);
    for (const point of forecast) {
      expect(point.lower).toBeLessThanOrEqual(point.mean);
      expect(point.upper).toBeGreaterThanOrEqual(point.mean);
    }
  });
});

describe('holt-winters-multiplicative', () => {
  it('follows seasonal swings that grow with the level', () => {
    const normal = seededNormal(11);
    const truth = (i: number) => (200 + i / 4) * (1 + 0.5 * Math.sin((2 * Math.PI * i) / 48));
    const values = Array.from({ length: 4 * 336 }, (_, i) => truth(i) * (1 + 0.02 * normal()));
    const timestamps = values.map((_, i) => i * HALF_HOUR_MS);
    const periods = detectSeasonality(values, HALF_HOUR_MS);
    const forecast = holtWintersMultiplicative
      .fit({ timestamps, values }, { stepMs: HALF_HOUR_MS, periods, maxHorizon: 48 })
      .forecast(48);
    const expected = forecast.map((_, step) => truth(values.length + step));
    const scale = meanAbsoluteError(expected, new Array(48).fill(expected.reduce((a, b) => a + b) / 48));
    expect(
      meanAbsoluteError(
        expected,
        forecast.map((point) => point.mean),
      ),
    ).toBeLessThan(0.15 * scale);
  });

  it('refuses series with values at or below zero', () => {
    const values = series.values.map((value, i) => (i === 10 ? 0 : value));
    expect(() => holtWintersMultiplicative.fit({ timestamps: series.timestamps, values }, context)).toThrow(
      ModelNotApplicableError,
    );
  });
});

describe('time-feature-regression', () => {
  it('forecasts from a single current value: the profile plus the share of its deviation that persists', () => {
    // Deviations that persist (AR(1), 0.9 per step), as load surges do.
    const normal = seededNormal(5);
    let deviation = 0;
    const values = series.timestamps.map((timestamp) => {
      deviation = 0.9 * deviation + NOISE * normal();
      return dailyWeeklyTruth(timestamp) + deviation;
    });
    const model = timeFeatureRegression.fit({ timestamps: series.timestamps, values }, context);
    const at = series.timestamps.at(-1)! + 3 * 86_400_000;
    const usual = model.forecastFrom({ timestamp: at, value: dailyWeeklyTruth(at) }, 48);
    const busy = model.forecastFrom({ timestamp: at, value: dailyWeeklyTruth(at) + 50 }, 48);
    expect(Math.abs(usual[0]!.mean - dailyWeeklyTruth(at + HALF_HOUR_MS))).toBeLessThan(2 * NOISE);
    expect(busy[0]!.mean - usual[0]!.mean).toBeGreaterThan(35);
    expect(busy[0]!.mean - usual[0]!.mean).toBeLessThan(50);
    // A day later the surge has faded.
    expect(Math.abs(busy[47]!.mean - usual[47]!.mean)).toBeLessThan(5);
  });

  it('fits time of day alone on less than two weeks of history, where weekdays cannot be told apart', () => {
    // Monday to Thursday, forecasting Friday: the weekdays of dailyWeeklyTruth are one daily wave.
    const short = sampleSeries(4 * 48, dailyWeeklyTruth, NOISE);
    const shortContext: FitContext = { stepMs: HALF_HOUR_MS, periods: [48], maxHorizon: 48 };
    const model = timeFeatureRegression.fit(short, shortContext);
    expect(model.parameters.weekly_terms).toBe(0);
    expect(errorFromTruth(model.forecast(48))).toBeLessThan(1.5 * NOISE);
    expect(timeFeatureRegression.fit(series, context).parameters.weekly_terms).toBe(1);
  });

  it('carries nothing of a deviation when deviations do not persist (white noise)', () => {
    const model = timeFeatureRegression.fit(series, context);
    expect(Math.abs(model.parameters.carry_1!)).toBeLessThan(0.15);
  });
});
