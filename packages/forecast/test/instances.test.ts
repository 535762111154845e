import { describe, expect, it } from 'vitest';
import {
  ForecastInputError,
  InvalidParameterError,
  NegativeValueError,
  NonFiniteValueError,
  recommendInstances,
} from '../src/index';

const base = { qpsPerInstance: 100, minInstances: 2, maxInstances: 10 };

describe('recommendInstances', () => {
  it('rounds the upper bound up to whole instances', () => {
    expect(recommendInstances({ ...base, meanQps: 200, upperQps: 250 }).instances).toBe(3);
    expect(recommendInstances({ ...base, meanQps: 200, upperQps: 300 }).instances).toBe(3);
    expect(recommendInstances({ ...base, meanQps: 200, upperQps: 300.5 }).instances).toBe(4);
  });

  it('keeps to the minimum', () => {
    const result = recommendInstances({ ...base, meanQps: 0, upperQps: 20 });
    expect(result).toMatchObject({ instances: 2, capped: false, required: 1 });
    expect(result.confidence).toBeGreaterThan(0.999);
  });

  it('caps at the maximum and says so, with a confidence below the interval level', () => {
    const result = recommendInstances({ ...base, meanQps: 1000, upperQps: 1400 });
    expect(result).toMatchObject({ instances: 10, capped: true, required: 14 });
    expect(result.confidence).toBeGreaterThan(0.4);
    expect(result.confidence).toBeLessThan(0.6);
  });

  it('is at least the upper quantile confident when not capped', () => {
    const result = recommendInstances({ ...base, meanQps: 400, upperQps: 500, level: 0.95 });
    expect(result.instances).toBe(5);
    expect(result.confidence).toBeCloseTo(0.975, 3);
    const rounded = recommendInstances({ ...base, meanQps: 400, upperQps: 450, level: 0.95 });
    expect(rounded.confidence).toBeGreaterThan(0.975);
  });

  it('uses the default bounds (1 to 20)', () => {
    expect(recommendInstances({ meanQps: 0, upperQps: 0, qpsPerInstance: 10 }).instances).toBe(1);
    expect(recommendInstances({ meanQps: 900, upperQps: 1000, qpsPerInstance: 10 }).instances).toBe(20);
  });

  it('rejects bad input with named errors', () => {
    expect(() => recommendInstances({ ...base, meanQps: -1, upperQps: 10 })).toThrow(NegativeValueError);
    expect(() => recommendInstances({ ...base, meanQps: 1, upperQps: Number.NaN })).toThrow(
      NonFiniteValueError,
    );
    expect(() => recommendInstances({ ...base, meanQps: 10, upperQps: 5 })).toThrow(InvalidParameterError);
    expect(() => recommendInstances({ ...base, qpsPerInstance: 0, meanQps: 1, upperQps: 2 })).toThrow(
      InvalidParameterError,
    );
    expect(() =>
      recommendInstances({ ...base, minInstances: 5, maxInstances: 4, meanQps: 1, upperQps: 2 }),
    ).toThrow(ForecastInputError);
    expect(() => recommendInstances({ ...base, meanQps: 1, upperQps: 2, level: 1 })).toThrow(
      InvalidParameterError,
    );
  });
});
