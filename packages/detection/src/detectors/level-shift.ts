import { deviationStream, sigmaToScore } from '../calibration';
import type { Detector, DetectorStream } from '../detector';
import { deviationInSpreads, finiteValues } from '../deviation';
import { removeSeason } from '../seasonality';
import { SlidingWindow } from '../sliding-window';

/** A shift is the median of RECENT points against the median of the REFERENCE points just before them. */
const RECENT = 5;
const REFERENCE = 60;
const MIN_REFERENCE = 10;

function shiftSigma(recent: SlidingWindow, reference: SlidingWindow): number {
  const center = reference.median();
  return deviationInSpreads(recent.median(), center, reference.scale(center));
}

/**
 * Level shift: a median of a few points against the median of the preceding stretch. Unlike a point
 * detector it ignores a lone spike (it moves no median) and it keeps firing for a while after a step.
 * Batch mode takes the season out first and scores each point with the few points starting at it.
 */
export const levelShiftDetector: Detector = {
  name: 'level-shift',
  description: 'median of the next few points against the median of the stretch before them',
  family: 'shift',
  scoreBatch(values, timestamps) {
    const finite = finiteValues(removeSeason(values, timestamps));
    const scores = new Float64Array(values.length);
    const reference = new SlidingWindow(REFERENCE);
    const recent = new SlidingWindow(RECENT);
    for (let k = 0; k < Math.min(RECENT, finite.length); k++) recent.push(finite[k]!);
    let k = 0;
    values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      if (reference.size >= MIN_REFERENCE) scores[i] = sigmaToScore(shiftSigma(recent, reference));
      reference.push(finite[k]!);
      if (k + RECENT < finite.length) recent.push(finite[k + RECENT]!);
      k++;
    });
    return scores;
  },
  createStream(): DetectorStream {
    const reference = new SlidingWindow(REFERENCE);
    const recent = new SlidingWindow(RECENT);
    return deviationStream((value) => {
      if (recent.size === RECENT) reference.push(recent.at(0));
      recent.push(value);
      if (recent.size < RECENT || reference.size < MIN_REFERENCE) return 0;
      return shiftSigma(recent, reference);
    });
  },
};
