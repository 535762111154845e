import { describe, expect, it } from 'vitest';
import {
  HistoryTooShortError,
  InvalidTimestampError,
  NegativeValueError,
  NonFiniteValueError,
  selectModel,
  validateSeries,
} from '../src/index';
import { dailyWeeklyTruth, HALF_HOUR_MS, sampleSeries } from './synthetic';

describe('selectModel', () => {
  it('backtests every model on the recent history and refits the one with the lowest MASE', () => {
    const series = sampleSeries(4 * 336, dailyWeeklyTruth, 3);
    const selection = selectModel(series, { horizon: 48, origins: 3 });
    expect(selection.periods).toEqual([48, 336]);
    expect(selection.stepMs).toBe(HALF_HOUR_MS);
    expect(selection.backtest.origins).toEqual([
      series.values.length - 3 * 48,
      series.values.length - 2 * 48,
      series.values.length - 48,
    ]);
    const lowest = Math.min(...selection.backtest.scores.map((score) => score.mase));
    expect(selection.score.mase).toBe(lowest);
    expect(selection.model.name).toBe(selection.score.model);
    expect(selection.model.lastTimestamp).toBe(series.timestamps.at(-1));
    // Seasonal-naive repeats last week's noise; the others average it away.
    expect(selection.model.name).not.toBe('seasonal-naive');
    expect(selection.model.forecast(48)).toHaveLength(48);
  });

  it('drops a weekly season the history is too short to backtest', () => {
    const series = sampleSeries(15 * 48, dailyWeeklyTruth, 3);
    const selection = selectModel(series, { horizon: 48, origins: 2 });
    expect(selection.periods).toEqual([48]);
  });

  it('rejects histories too short for any backtest', () => {
    expect(() => selectModel(sampleSeries(60, dailyWeeklyTruth, 3), { horizon: 48 })).toThrow(
      HistoryTooShortError,
    );
  });
});

describe('validateSeries', () => {
  const good = sampleSeries(10, dailyWeeklyTruth, 1);
  it('returns the step', () => {
    expect(validateSeries(good)).toBe(HALF_HOUR_MS);
  });
  it('names what is wrong', () => {
    expect(() => validateSeries({ ...good, values: good.values.map((v, i) => (i === 3 ? -1 : v)) })).toThrow(
      NegativeValueError,
    );
    expect(() =>
      validateSeries({ ...good, values: good.values.map((v, i) => (i === 3 ? Number.NaN : v)) }),
    ).toThrow(NonFiniteValueError);
    const uneven = good.timestamps.map((t, i) => (i === 5 ? t + 1000 * 60 : t));
    expect(() => validateSeries({ ...good, timestamps: uneven })).toThrow(InvalidTimestampError);
    expect(() => validateSeries({ ...good, timestamps: [...good.timestamps].reverse() })).toThrow(
      InvalidTimestampError,
    );
    expect(() => validateSeries(good, { minLength: 11 })).toThrow(HistoryTooShortError);
    expect(validateSeries({ ...good, values: good.values.map((v) => -v) }, { allowNegative: true })).toBe(
      HALF_HOUR_MS,
    );
  });
});
