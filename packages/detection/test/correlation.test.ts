import { CorrelationSchema } from '@aiops/contracts';
import { describe, expect, it } from 'vitest';
import { correlateSeries, laggedCorrelation, pearson, spearman } from '../src/correlation';
import { gaussianNoise, timeline } from './fixtures';

describe('pearson and spearman', () => {
  it('measure linear and monotonic relations and skip gaps', () => {
    const xs = Array.from({ length: 50 }, (_, i) => i);
    expect(
      pearson(
        xs,
        xs.map((x) => 3 * x + 2),
      ),
    ).toBeCloseTo(1, 10);
    expect(
      pearson(
        xs,
        xs.map((x) => -x),
      ),
    ).toBeCloseTo(-1, 10);
    const cubic = xs.map((x) => x ** 3);
    expect(pearson(xs, cubic)).toBeLessThan(0.95);
    expect(spearman(xs, cubic)).toBeCloseTo(1, 10);
    expect(pearson(xs, new Array(50).fill(4))).toBe(0);
    const gappy = xs.map((x) => (x % 5 === 0 ? Number.NaN : 2 * x));
    expect(pearson(xs, gappy)).toBeCloseTo(1, 10);
  });
});

describe('lag search', () => {
  const noise = gaussianNoise(51);
  const length = 300;
  const timestamps = timeline(length, 30_000);
  const driver = Array.from(
    { length: length + 6 },
    (_, i) => 10 * Math.sin(i / 11) + 5 * Math.sin(i / 3.7) + noise(),
  );
  // latency[i] = 2 cpu[i - 6] + 100: latency follows cpu 6 points (3 minutes) later.
  const cpu = driver.slice(6);
  const latency = driver.slice(0, length).map((v) => 2 * v + 100 + 0.5 * noise());
  const unrelated = Array.from({ length }, () => noise());

  it('finds the known lag', () => {
    const best = laggedCorrelation(cpu, latency, 10);
    expect(best.lag).toBe(6);
    expect(best.pearson).toBeGreaterThan(0.95);
    expect(laggedCorrelation(latency, cpu, 10).lag).toBe(-6);
  });

  it('reports the leader and keeps only the meaningful pairs', () => {
    const results = correlateSeries([
      { metric: 'latency', labels: { service: 'api' }, timestamps, values: latency },
      { metric: 'cpu', labels: { service: 'db' }, timestamps, values: cpu },
      { metric: 'noise', labels: {}, timestamps, values: unrelated },
    ]);
    expect(results).toHaveLength(1);
    const [pair] = results;
    expect(CorrelationSchema.parse(pair)).toBeTruthy();
    expect(pair!.a.metric).toBe('latency');
    expect(pair!.b.metric).toBe('cpu');
    // cpu (b) moves 180 s before latency (a).
    expect(pair!.leader).toBe('b');
    expect(pair!.lagSeconds).toBe(-180);
    expect(pair!.pearson).toBeGreaterThan(0.95);
    expect(pair!.spearman).toBeGreaterThan(0.9);
  });

  it('aligns on common timestamps and ignores pairs with too few of them', () => {
    const shiftedTimes = timestamps.map((t) => t + 1);
    expect(
      correlateSeries([
        { metric: 'a', labels: {}, timestamps, values: cpu },
        { metric: 'b', labels: {}, timestamps: shiftedTimes, values: cpu },
      ]),
    ).toEqual([]);
  });
});
