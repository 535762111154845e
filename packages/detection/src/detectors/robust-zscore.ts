import { deviationStream, sigmaToScore } from '../calibration';
import type { Detector, DetectorStream } from '../detector';
import { deviationInSpreads, finiteValues } from '../deviation';
import { SlidingWindow } from '../sliding-window';
import { quantileSorted, robustScale } from '../stats';

/** Streaming memory and warm-up, as for the z-score. */
const HISTORY = 4000;
const WARM_UP = 20;

/** Robust z-score: distance from the median in MADs (scaled to sigma), so the outliers do not hide themselves. */
export const robustZScoreDetector: Detector = {
  name: 'robust-zscore',
  description: 'distance from the median in median absolute deviations',
  family: 'point',
  scoreBatch(values) {
    const sorted = finiteValues(values).sort();
    const center = quantileSorted(sorted, 0.5);
    const spread = robustScale(sorted, center);
    return Float64Array.from(values, (v) =>
      Number.isFinite(v) ? sigmaToScore(deviationInSpreads(v, center, spread)) : 0,
    );
  },
  createStream(): DetectorStream {
    const past = new SlidingWindow(HISTORY);
    return deviationStream((value) => {
      let deviation = 0;
      if (past.size >= WARM_UP) {
        const center = past.median();
        deviation = deviationInSpreads(value, center, past.scale(center));
      }
      past.push(value);
      return deviation;
    });
  },
};
