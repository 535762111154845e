import { describe, expect, it } from 'vitest';
import { DAY_MS, detectSeasonality, HOUR_MS, WEEK_MS } from '../src/index';
import { dailyWeeklyTruth, HALF_HOUR_MS, sampleSeries, seededNormal } from './synthetic';

describe('detectSeasonality', () => {
  it('finds the daily (48) and weekly (336) periods of a half-hourly series with both', () => {
    const { values } = sampleSeries(6 * 336, dailyWeeklyTruth, 5);
    expect(detectSeasonality(values, HALF_HOUR_MS)).toEqual([48, 336]);
  });

  it('does not call a series with only a daily pattern weekly', () => {
    const { values } = sampleSeries(
      6 * 336,
      (t) => 100 + 40 * Math.sin((2 * Math.PI * (t % DAY_MS)) / DAY_MS),
      5,
    );
    expect(detectSeasonality(values, HALF_HOUR_MS)).toEqual([48]);
  });

  it('finds nothing in white noise', () => {
    const normal = seededNormal(7);
    const values = Array.from({ length: 6 * 336 }, () => 50 + 10 * normal());
    expect(detectSeasonality(values, HALF_HOUR_MS)).toEqual([]);
  });

  it('tests the weekly period only with two weeks of history', () => {
    const { values } = sampleSeries(10 * 48, dailyWeeklyTruth, 5);
    expect(detectSeasonality(values, HALF_HOUR_MS)).toEqual([48]);
  });

  it('derives the periods from the step: hourly data has 24 and 168', () => {
    const normal = seededNormal(3);
    const values = Array.from({ length: 5 * 168 }, (_, i) => dailyWeeklyTruth(i * HOUR_MS) + 3 * normal());
    expect(detectSeasonality(values, HOUR_MS)).toEqual([24, 168]);
    expect(Math.round(WEEK_MS / HOUR_MS)).toBe(168);
  });
});
