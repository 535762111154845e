import { deviationStream, sigmaToScore } from '../calibration';
import type { Detector, DetectorStream } from '../detector';
import { deviationInSpreads, finiteValues } from '../deviation';
import { SlidingWindow } from '../sliding-window';
import { quantileSorted } from '../stats';

/** Streaming memory and warm-up, as for the z-score. */
const HISTORY = 4000;
const WARM_UP = 20;
/** For Gaussian data the quartiles sit 0.674 sigma from the median and the IQR is 1.349 sigma. */
const QUARTILE_SIGMA = 0.674;
const IQR_SIGMA = 1.349;

/**
 * Tukey's fences: how far a point lies beyond the nearer quartile, in IQRs, expressed in sigma so that the
 * classic 1.5-IQR fence is 2.7 sigma. Skewed data gets asymmetric fences for free.
 */
function beyondQuartiles(value: number, q1: number, q3: number): number {
  const iqr = q3 - q1;
  if (value > q3) return QUARTILE_SIGMA + IQR_SIGMA * deviationInSpreads(value, q3, iqr);
  if (value < q1) return QUARTILE_SIGMA + IQR_SIGMA * -deviationInSpreads(value, q1, iqr);
  return 0;
}

export const iqrDetector: Detector = {
  name: 'iqr',
  description: 'distance beyond the quartiles in interquartile ranges (Tukey fences)',
  family: 'point',
  scoreBatch(values) {
    const sorted = finiteValues(values).sort();
    const q1 = quantileSorted(sorted, 0.25);
    const q3 = quantileSorted(sorted, 0.75);
    return Float64Array.from(values, (v) =>
      Number.isFinite(v) ? sigmaToScore(beyondQuartiles(v, q1, q3)) : 0,
    );
  },
  createStream(): DetectorStream {
    const past = new SlidingWindow(HISTORY);
    return deviationStream((value) => {
      const deviation =
        past.size >= WARM_UP ? beyondQuartiles(value, past.quantile(0.25), past.quantile(0.75)) : 0;
      past.push(value);
      return deviation;
    });
  },
};
