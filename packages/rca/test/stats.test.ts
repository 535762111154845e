import { describe, expect, it } from 'vitest';
import { bocpdChangePoints } from '../src/stats/bocpd';
import { median, quantile, robustScale } from '../src/stats/robust';
import { baseline, shifted } from './fixtures';

describe('robust statistics', () => {
  it('interpolates quantiles like numpy', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([10], 0.9)).toBe(10);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });

  it('takes median and IQR, unmoved by an outlier', () => {
    const scale = robustScale([1, 2, 3, 4, 5, 6, 7, 8, 1000]);
    expect(scale.median).toBe(5);
    expect(scale.iqr).toBe(4);
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe('bocpdChangePoints', () => {
  it('finds a level shift within a step of where it happened', () => {
    const points = bocpdChangePoints(shifted(10, 1, 8, 80));
    expect(points.some((p) => Math.abs(p - 80) <= 1)).toBe(true);
  });

  it('finds two shifts in order', () => {
    const values = shifted(10, 1, 8, 40).map((v, i) => (i >= 90 ? v - 16 : v));
    const points = bocpdChangePoints(values);
    expect(points.some((p) => Math.abs(p - 40) <= 1)).toBe(true);
    expect(points.some((p) => Math.abs(p - 90) <= 1)).toBe(true);
  });

  it('finds nothing in a steady series', () => {
    expect(bocpdChangePoints(baseline(10, 1).map(() => 10))).toEqual([]);
  });
});
