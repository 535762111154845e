import { AnomalySchema } from '@aiops/contracts';
import { describe, expect, it } from 'vitest';
import { detectAnomalies } from '../src/anomalies';
import { gaussianNoise, noisySine, timeline } from './fixtures';

const STEP_MS = 15_000;
const LENGTH = 240;
const timestamps = timeline(LENGTH, STEP_MS);

function series(values: number[], metric = 'container_cpu_usage') {
  return { metric, labels: { namespace: 'shop', pod: 'cart-1' }, timestamps, values };
}

describe('detectAnomalies', () => {
  it('reports the onset, direction and size of a step', () => {
    const noise = gaussianNoise(41);
    const values = Array.from({ length: LENGTH }, (_, i) => 0.3 + 0.01 * noise() + (i >= 170 ? 0.5 : 0));
    const anomalies = detectAnomalies([series(values)]);
    expect(anomalies.length).toBeGreaterThanOrEqual(1);
    const [first] = anomalies;
    expect(AnomalySchema.parse(first)).toBeTruthy();
    expect(first!.metric).toBe('container_cpu_usage');
    expect(first!.labels).toEqual({ namespace: 'shop', pod: 'cart-1' });
    expect(Date.parse(first!.onset)).toBe(timestamps[170]);
    expect(first!.direction).toBe('up');
    expect(first!.size).toBeGreaterThan(0.45);
    expect(first!.size).toBeLessThan(0.55);
    expect(first!.baseline).toBeCloseTo(0.3, 1);
    expect(first!.peak).toBeGreaterThan(0.78);
    expect(first!.score).toBeGreaterThanOrEqual(0.65);
    expect(Object.keys(first!.detectors)).toContain('change-point');
  });

  it('reports a downward spike with its peak, and a step down as down', () => {
    const noise = gaussianNoise(42);
    const spike = Array.from({ length: LENGTH }, (_, i) => 200 + noise() + (i === 120 ? -60 : 0));
    const [dip] = detectAnomalies([series(spike, 'http_requests_per_second')]);
    expect(dip!.direction).toBe('down');
    expect(Date.parse(dip!.onset)).toBe(timestamps[120]);
    expect(dip!.peak).toBeLessThan(145);
    expect(dip!.size).toBeCloseTo(-60, -1);
    const drop = Array.from({ length: LENGTH }, (_, i) => 1 + 0.02 * noise() - (i >= 100 ? 1 : 0));
    const [fall] = detectAnomalies([series(drop, 'kube_pod_ready')]);
    expect(fall!.direction).toBe('down');
    expect(Date.parse(fall!.onset)).toBe(timestamps[100]);
  });

  it('stays quiet on a clean noisy series and on a seasonal one', () => {
    const noise = gaussianNoise(43);
    expect(detectAnomalies([series(Array.from({ length: LENGTH }, () => 5 + noise()))])).toEqual([]);
    const daily = noisySine(4 * 288, 288, 1, 44);
    const dailyTimes = timeline(daily.length, 300_000);
    expect(detectAnomalies([{ metric: 'rps', labels: {}, timestamps: dailyTimes, values: daily }])).toEqual(
      [],
    );
  });

  it('handles flat, short, empty and gappy series without crashing', () => {
    expect(detectAnomalies([series(new Array(LENGTH).fill(3))])).toEqual([]);
    expect(detectAnomalies([series([1, 2, 100])])).toEqual([]);
    expect(detectAnomalies([series([])])).toEqual([]);
    expect(detectAnomalies([series(new Array(LENGTH).fill(Number.NaN))])).toEqual([]);
    const noise = gaussianNoise(45);
    const gappy = Array.from({ length: LENGTH }, (_, i) =>
      i % 9 === 0 ? Number.NaN : 10 + 0.1 * noise() + (i >= 150 ? 5 : 0),
    );
    const [step] = detectAnomalies([series(gappy)]);
    expect(step!.direction).toBe('up');
    expect(step!.size).toBeCloseTo(5, 0);
    expect(Math.abs(Date.parse(step!.onset) - timestamps[150]!)).toBeLessThanOrEqual(STEP_MS);
    // A flat series that steps once (restarts going from 0 to 1) is a clear anomaly, not a division by zero.
    const restarts = Array.from({ length: LENGTH }, (_, i) => (i >= 200 ? 1 : 0));
    const [restart] = detectAnomalies([series(restarts, 'kube_pod_container_status_restarts')]);
    expect(Date.parse(restart!.onset)).toBe(timestamps[200]);
    expect(restart!.size).toBe(1);
  });

  it('applies the threshold option and sorts the strongest first', () => {
    const noise = gaussianNoise(46);
    const weak = Array.from({ length: LENGTH }, (_, i) => 10 + noise() + (i === 100 ? 5 : 0));
    const strong = Array.from({ length: LENGTH }, (_, i) => 10 + noise() + (i === 100 ? 50 : 0));
    const found = detectAnomalies([series(weak, 'weak'), series(strong, 'strong')], { threshold: 0.3 });
    expect(found[0]!.metric).toBe('strong');
    expect(detectAnomalies([series(strong)], { threshold: 1.01 })).toEqual([]);
  });
});
