import { describe, expect, it } from 'vitest';
import { MetricsQueryError } from '../src/errors';
import { MAX_POINTS_PER_SERIES, stepForRange } from '../src/step';

describe('stepForRange', () => {
  it('keeps a step that fits and raises one that does not', () => {
    expect(stepForRange(0, 3_600_000, 15)).toBe(15);
    const day = 86_400_000;
    const step = stepForRange(0, day, 1);
    expect(step).toBe(8);
    expect(day / 1000 / step + 1).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    expect(day / 1000 / (step - 1) + 1).toBeGreaterThan(MAX_POINTS_PER_SERIES);
  });

  it('refuses bad ranges and steps', () => {
    expect(() => stepForRange(10, 0, 15)).toThrow(MetricsQueryError);
    expect(() => stepForRange(0, 10, 0)).toThrow(MetricsQueryError);
    expect(() => stepForRange(0, Number.NaN, 15)).toThrow(MetricsQueryError);
  });
});
