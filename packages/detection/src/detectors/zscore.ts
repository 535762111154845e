import { deviationStream, sigmaToScore } from '../calibration';
import type { Detector, DetectorStream } from '../detector';
import { deviationInSpreads, finiteValues } from '../deviation';
import { mean, standardDeviation } from '../stats';

/**
 * Points of the past a streaming z-score compares with (a long memory: two weeks of 5-minute data, so the
 * ordinary highs of past days count as normal; shorter memories raised more false alarms on NAB), and how
 * many it needs before scoring.
 */
const HISTORY = 4000;
const WARM_UP = 20;

/** Classic z-score: distance from the mean in standard deviations. Sensitive to outliers in its own past. */
export const zScoreDetector: Detector = {
  name: 'zscore',
  description: 'distance from the mean in standard deviations',
  family: 'point',
  scoreBatch(values) {
    const finite = finiteValues(values);
    const center = mean(finite);
    const spread = standardDeviation(finite, center);
    return Float64Array.from(values, (v) =>
      Number.isFinite(v) ? sigmaToScore(deviationInSpreads(v, center, spread)) : 0,
    );
  },
  createStream(): DetectorStream {
    const ring = new Float64Array(HISTORY);
    let count = 0;
    let next = 0;
    let sum = 0;
    let sumSquares = 0;
    return deviationStream((value) => {
      let deviation = 0;
      if (count >= WARM_UP) {
        const center = sum / count;
        const variance = Math.max(0, (sumSquares - count * center * center) / (count - 1));
        deviation = deviationInSpreads(value, center, Math.sqrt(variance));
      }
      if (count === HISTORY) {
        const old = ring[next]!;
        sum -= old;
        sumSquares -= old * old;
      } else count++;
      ring[next] = value;
      next = (next + 1) % HISTORY;
      sum += value;
      sumSquares += value * value;
      return deviation;
    });
  },
};
