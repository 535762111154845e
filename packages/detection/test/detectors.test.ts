import { describe, expect, it } from 'vitest';
import { detectors } from '../src/detectors/registry';
import { seasonalResidualDetector } from '../src/detectors/seasonal-residual';
import { gaussianNoise, maxOf, noisySine, timeline } from './fixtures';

const THRESHOLD = 0.65;
const LENGTH = 720;
const STEP_MS = 60_000;
const timestamps = timeline(LENGTH, STEP_MS);

/** A clean sine (period 180 points) with noise: no detector may call any of it anomalous. */
const clean = noisySine(LENGTH, 180, 1, 11);
/** Noise around a level, with one spike of 15 sigmas at 500 (for point detectors)... */
const noise = gaussianNoise(12);
const flat = Array.from({ length: LENGTH }, () => 50 + noise());
const spiky = flat.map((v, i) => (i === 500 ? v + 15 : v));
/** ...and with a level shift of 15 sigmas from 500 on (for shift detectors). */
const stepped = flat.map((v, i) => (i >= 500 ? v + 15 : v));

function streamed(detector: (typeof detectors)[number], values: number[]): number[] {
  const stream = detector.createStream();
  return values.map((v, i) => stream.update(v, timestamps[i]!));
}

describe.each(detectors.map((detector) => [detector.name, detector] as const))('%s', (_name, detector) => {
  it('stays quiet on a clean sine with noise (batch)', () => {
    expect(maxOf(detector.scoreBatch(clean, timestamps))).toBeLessThan(THRESHOLD);
  });

  const anomalous = detector.family === 'shift' ? stepped : spiky;
  const anomaly = detector.family === 'shift' ? 'level shift' : 'spike';

  it(`finds an injected ${anomaly} in batch mode`, () => {
    const scores = detector.scoreBatch(anomalous, timestamps);
    expect(maxOf(scores, 495, 510)).toBeGreaterThanOrEqual(THRESHOLD);
    expect(maxOf(scores, 0, 480)).toBeLessThan(THRESHOLD);
  });

  it(`finds an injected ${anomaly} when streaming`, () => {
    const scores = streamed(detector, anomalous);
    expect(maxOf(scores, 500, 510)).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('returns scores in [0, 1], 0 for NaN, and survives flat and tiny input', () => {
    const gappy = spiky.map((v, i) => (i % 13 === 0 ? Number.NaN : v));
    const scores = detector.scoreBatch(gappy, timestamps);
    expect(scores).toHaveLength(LENGTH);
    for (let i = 0; i < LENGTH; i++) {
      expect(scores[i]).toBeGreaterThanOrEqual(0);
      expect(scores[i]).toBeLessThanOrEqual(1);
      if (i % 13 === 0) expect(scores[i]).toBe(0);
    }
    expect(maxOf(detector.scoreBatch(new Array(200).fill(7), timestamps.slice(0, 200)))).toBe(0);
    expect(detector.scoreBatch([1, 2], timestamps.slice(0, 2))).toHaveLength(2);
    expect(detector.scoreBatch([], [])).toHaveLength(0);
  });
});

describe('seasonal-residual on a daily pattern', () => {
  // Four days at 5-minute steps: a strong daily rhythm with noise.
  const dayPoints = 288;
  const daily = noisySine(4 * dayPoints, dayPoints, 1, 21);
  const dailyTimes = timeline(daily.length, 300_000);

  it('does not flag the daily rhythm', () => {
    expect(maxOf(seasonalResidualDetector.scoreBatch(daily, dailyTimes))).toBeLessThan(THRESHOLD);
  });

  it('flags a missing daily peak that is an ordinary value for the series as a whole', () => {
    const peak = 3 * dayPoints + dayPoints / 4;
    const missing = daily.map((v, i) => (Math.abs(i - peak) <= 3 ? 100 : v));
    const scores = seasonalResidualDetector.scoreBatch(missing, dailyTimes);
    expect(maxOf(scores, peak - 3, peak + 4)).toBeGreaterThanOrEqual(THRESHOLD);
    const stream = seasonalResidualDetector.createStream();
    const streamed = missing.map((v, i) => stream.update(v, dailyTimes[i]!));
    expect(maxOf(streamed, peak - 3, peak + 4)).toBeGreaterThanOrEqual(THRESHOLD);
  });
});
