import { describe, expect, it } from 'vitest';
import { analyzeSeries } from '../src/analysis/series-analysis';
import { baseline, FAULT_INDEX, FAULT_TIME, START, STEP, series, shifted, svc } from './fixtures';

const window = { baselineEnd: FAULT_TIME - 5 * 60_000, searchStart: FAULT_TIME - 5 * 60_000 };

describe('analyzeSeries', () => {
  it('scores a level shift against the baseline median and IQR and finds its onset', () => {
    const analysis = analyzeSeries(series(svc('a'), 'cpu', shifted(1, 0.05, 1)), window);
    expect(analysis.onsetIndex).toBe(FAULT_INDEX);
    expect(analysis.direction).toBe('up');
    expect(analysis.peak).toBeGreaterThan(10);
    expect(analysis.persistence).toBeGreaterThan(0.95);
    expect(analysis.strength).toBeGreaterThan(0.7);
    expect(analysis.baseline.median).toBeCloseTo(1, 1);
  });

  it('sees a drop as well as a rise', () => {
    const analysis = analyzeSeries(series(svc('a'), 'rps', shifted(100, 2, -60)), window);
    expect(analysis.direction).toBe('down');
    expect(analysis.onsetIndex).toBe(FAULT_INDEX);
  });

  it('ignores a lone spike before the real shift', () => {
    const values = shifted(1, 0.05, 1);
    values[FAULT_INDEX - 10] = 5;
    expect(analyzeSeries(series(svc('a'), 'cpu', values), window).onsetIndex).toBe(FAULT_INDEX);
  });

  it('leaves a steady series without an onset', () => {
    const analysis = analyzeSeries(series(svc('a'), 'cpu', baseline(1, 0.05)), window);
    expect(analysis.onsetIndex).toBeNull();
    expect(analysis.strength).toBe(0);
  });

  it('walks a ramp back to where it left the baseline', () => {
    const values = baseline(100, 1).map((v, i) => (i >= FAULT_INDEX ? v + (i - FAULT_INDEX) * 1.5 : v));
    const onset = analyzeSeries(series(svc('a'), 'mem', values), window).onsetIndex!;
    expect(onset).toBeGreaterThanOrEqual(FAULT_INDEX);
    expect(onset).toBeLessThanOrEqual(FAULT_INDEX + 2);
  });

  it('counts bursts the baseline already had for less than new ones', () => {
    const burst = (i: number) => (i % 30 < 3 ? 5 : 0);
    const periodic = analyzeSeries(
      series(
        svc('batch'),
        'cpu',
        baseline(1, 0.05).map((v, i) => v + burst(i)),
      ),
      window,
    );
    const fresh = analyzeSeries(
      series(
        svc('new'),
        'cpu',
        baseline(1, 0.05).map((v, i) => v + (i >= FAULT_INDEX ? burst(i) : 0)),
      ),
      window,
    );
    expect(periodic.novelty).toBeLessThan(0.3);
    expect(fresh.novelty).toBe(1);
    expect(periodic.strength).toBeLessThan(fresh.strength);
  });

  it('does not take one more count on a trickle of errors for news', () => {
    const trickle = Array.from({ length: 120 }, (_, i) => (i % 7 === 0 ? 1 / 60 : 0));
    trickle[FAULT_INDEX + 3] = 2 / 60;
    expect(analyzeSeries(series(svc('a'), 'error', trickle), window).onsetIndex).toBeNull();
    const burst = trickle.map((v, i) => (i >= FAULT_INDEX ? v + 0.5 : v));
    expect(analyzeSeries(series(svc('a'), 'error', burst), window).onsetIndex).toBe(FAULT_INDEX);
  });

  it('keeps scores finite on a flat baseline, where any change is news', () => {
    const values = Array.from({ length: 120 }, (_, i) => (i >= FAULT_INDEX ? 1 : 0));
    const analysis = analyzeSeries(series(svc('a'), 'restarts', values), window);
    expect(Number.isFinite(analysis.peak)).toBe(true);
    expect(analysis.onsetIndex).toBe(FAULT_INDEX);
    expect(START + analysis.onsetIndex! * STEP).toBe(FAULT_TIME);
  });
});
