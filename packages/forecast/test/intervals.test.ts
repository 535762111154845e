import { describe, expect, it } from 'vitest';
import { HOUR_MS, holtWintersAdditive, rollingOriginBacktest, seasonalNaive } from '../src/index';
import { EmpiricalIntervals } from '../src/intervals';
import { seededNormal } from './synthetic';

const SIGMA = 10;

describe('EmpiricalIntervals', () => {
  it('puts the 95% bounds at ±1.96σ for normal errors of known variance', () => {
    const normal = seededNormal(21);
    const values = Array.from({ length: 5000 }, () => SIGMA * normal());
    const intervals = EmpiricalIntervals.calibrate({
      values,
      horizon: 12,
      warmup: 1,
      scale: 'absolute',
      forecastsFrom: (origins, horizon) => origins.map(() => new Float64Array(horizon)),
    });
    // About 550 errors at step 1; later steps pool their neighbours' (up to 7 steps' worth).
    for (const [step, tolerance] of [
      [1, 0.15],
      [8, 0.08],
      [12, 0.08],
    ] as const) {
      const { lower, upper } = intervals.bounds(step, 0, 0.95);
      expect(upper / (1.96 * SIGMA)).toBeGreaterThan(1 - tolerance);
      expect(upper / (1.96 * SIGMA)).toBeLessThan(1 + tolerance);
      expect(-lower / (1.96 * SIGMA)).toBeGreaterThan(1 - tolerance);
      expect(-lower / (1.96 * SIGMA)).toBeLessThan(1 + tolerance);
    }
    const half = intervals.bounds(12, 0, 0.5);
    expect(half.upper / (0.6745 * SIGMA)).toBeGreaterThan(0.9);
    expect(half.upper / (0.6745 * SIGMA)).toBeLessThan(1.1);
  });

  it('scales relative errors with the forecast', () => {
    const normal = seededNormal(22);
    const values = Array.from({ length: 3000 }, (_, i) => (i % 2 === 0 ? 100 : 1000) * (1 + 0.05 * normal()));
    const intervals = EmpiricalIntervals.calibrate({
      values,
      horizon: 1,
      warmup: 1,
      scale: 'relative',
      forecastsFrom: (origins) => origins.map((origin) => Float64Array.of(origin % 2 === 0 ? 100 : 1000)),
    });
    const small = intervals.bounds(1, 100, 0.95);
    const large = intervals.bounds(1, 1000, 0.95);
    expect((large.upper - 1000) / (small.upper - 100)).toBeCloseTo(10, 5);
    expect(large.upper - 1000).toBeGreaterThan(1000 * 0.05 * 1.96 * 0.85);
  });
});

describe('forecast intervals out of sample', () => {
  it('contain about 95% of fresh noise of known variance', () => {
    const normal = seededNormal(23);
    const values = Array.from({ length: 3000 }, () => 500 + SIGMA * normal());
    const timestamps = values.map((_, i) => i * HOUR_MS * 13);
    const report = rollingOriginBacktest(
      { timestamps, values },
      { horizon: 12, origins: 40, models: [holtWintersAdditive, seasonalNaive] },
    );
    expect(report.periods).toEqual([]);
    for (const score of report.scores) {
      expect(score.points).toBe(480);
      expect(score.coverage).toBeGreaterThan(0.91);
      expect(score.coverage).toBeLessThan(0.99);
    }
  });
});
