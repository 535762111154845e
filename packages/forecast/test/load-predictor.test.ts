import { PredictDataSchema, TrendDataSchema } from '@aiops/contracts';
import { describe, expect, it } from 'vitest';
import {
  HorizonTooLongError,
  InvalidParameterError,
  InvalidTimestampError,
  LoadPredictor,
  NegativeValueError,
} from '../src/index';
import { dailyWeeklyTruth, HALF_HOUR_MS, sampleSeries } from './synthetic';

const series = sampleSeries(4 * 336, dailyWeeklyTruth, 3);
const predictor = LoadPredictor.fit(series, { qpsPerInstance: 10, maxInstances: 20, origins: 2 });
const end = series.timestamps.at(-1)!;

describe('LoadPredictor', () => {
  it('predicts the next hour in the seed answer shape', () => {
    const prediction = PredictDataSchema.parse(predictor.current());
    expect(prediction.prediction_type).toBe('forecast');
    expect(prediction.current_qps).toBe(series.values.at(-1));
    expect(Date.parse(prediction.timestamp)).toBe(end);
    expect(prediction.model_version).toBe(predictor.modelVersion);
    const upper = prediction.features.upper_qps as number;
    expect(prediction.instances).toBe(Math.min(20, Math.max(1, Math.ceil(upper / 10))));
    expect(prediction.confidence).toBeGreaterThanOrEqual(0.975);
    expect(prediction.features.lookahead_minutes).toBe(60);
    expect(
      Math.abs(
        (prediction.features.predicted_qps as number) -
          dailyWeeklyTruth(Date.parse(prediction.features.peak_at as string)),
      ),
    ).toBeLessThan(10);
  });

  it('predicts from one current rate and asks for more instances when it is high', () => {
    const at = end + 2 * 3_600_000;
    const usual = PredictDataSchema.parse(
      predictor.fromCurrent({ currentQps: dailyWeeklyTruth(at), timestamp: at }),
    );
    expect(usual.prediction_type).toBe('current');
    expect(Date.parse(usual.timestamp)).toBe(at);
    expect(usual.model_version).toMatch(/^time-feature-regression@/);
    const surge = predictor.fromCurrent({ currentQps: 400, timestamp: at });
    expect(surge.current_qps).toBe(400);
    expect(surge.instances).toBeGreaterThanOrEqual(usual.instances);
  });

  it('answers bad current rates and timestamps with named errors', () => {
    expect(() => predictor.fromCurrent({ currentQps: -5, timestamp: end })).toThrow(NegativeValueError);
    expect(() => predictor.fromCurrent({ currentQps: 5, timestamp: end + 30 * 86_400_000 })).toThrow(
      InvalidTimestampError,
    );
    expect(() => predictor.fromCurrent({ currentQps: 5, timestamp: series.timestamps[0]! - 1 })).toThrow(
      InvalidTimestampError,
    );
  });

  it('gives a trend over the next hours with intervals and instances', () => {
    const trend = TrendDataSchema.parse(predictor.trend({ hours: 24, stepMinutes: 60 }));
    expect(trend.points).toHaveLength(24);
    expect(trend.horizon_hours).toBe(24);
    expect(Date.parse(trend.points[0]!.timestamp)).toBe(end + 3_600_000);
    for (const point of trend.points) {
      expect(point.lower).toBeLessThanOrEqual(point.qps);
      expect(point.upper).toBeGreaterThanOrEqual(point.qps);
      expect(point.instances).toBeGreaterThanOrEqual(Math.min(20, Math.ceil(point.upper / 10)));
    }
    const fine = predictor.trend({ hours: 1, stepMinutes: 10 });
    expect(fine.points).toHaveLength(6);
    expect(fine.points[0]!.qps).toBe(fine.points[2]!.qps);
    expect(() => predictor.trend({ hours: 169, stepMinutes: 60 })).toThrow(HorizonTooLongError);
    expect(() => predictor.trend({ hours: 0, stepMinutes: 60 })).toThrow(InvalidParameterError);
  });

  it('refuses a bad capacity configuration', () => {
    expect(() => LoadPredictor.fit(series, { qpsPerInstance: 0 })).toThrow(InvalidParameterError);
    expect(HALF_HOUR_MS).toBe(1_800_000);
  });
});
