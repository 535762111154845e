import { describe, expect, it } from 'vitest';
import { extrapolatedRate } from '../src/embedded/extrapolated-rate';
import { histogramQuantile } from '../src/embedded/histogram-quantile';

describe('extrapolatedRate', () => {
  it('adds back a counter reset inside the window', () => {
    // 1770, 1785, then the counter restarts: 0, 15, 30 (every 15 s over exactly the window).
    const times = [0, 15_000, 30_000, 45_000, 60_000];
    expect(extrapolatedRate(times, [1770, 1785, 0, 15, 30], 0, 60_000, false)).toBe(45);
    expect(extrapolatedRate(times, [1770, 1785, 0, 15, 30], 0, 60_000, true)).toBe(0.75);
  });

  it('needs two samples', () => {
    expect(extrapolatedRate([1000], [5], 0, 60_000, true)).toBeUndefined();
  });
});

describe('histogramQuantile', () => {
  const b = (upperBound: number, count: number) => ({ upperBound, count });
  it('interpolates inside the bucket holding the rank', () => {
    expect(
      histogramQuantile(0.9, [b(0.1, 1), b(0.5, 3), b(1, 4), b(Number.POSITIVE_INFINITY, 4)]),
    ).toBeCloseTo(0.8, 12);
    expect(histogramQuantile(0.5, [b(1, 0), b(2, 10), b(Number.POSITIVE_INFINITY, 10)])).toBe(1.5);
  });

  it('answers as Prometheus at the edges', () => {
    const inf = Number.POSITIVE_INFINITY;
    expect(histogramQuantile(0.99, [b(1, 1), b(inf, 10)])).toBe(1);
    expect(histogramQuantile(0.5, [b(1, 1), b(2, 2)])).toBeNaN();
    expect(histogramQuantile(0.5, [b(1, 0), b(inf, 0)])).toBeNaN();
    expect(histogramQuantile(-1, [b(1, 1), b(inf, 1)])).toBe(Number.NEGATIVE_INFINITY);
    expect(histogramQuantile(2, [b(1, 1), b(inf, 1)])).toBe(inf);
    // Non-monotonic rates are evened out; equal bounds from different series add up.
    expect(histogramQuantile(0.5, [b(1, 4), b(2, 3), b(inf, 8), b(1, 0)])).toBe(1);
  });
});
