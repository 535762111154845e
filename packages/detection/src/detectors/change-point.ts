import { deviationStream, sigmaToScore } from '../calibration';
import { segmentLevels } from '../change-points';
import type { Detector, DetectorStream } from '../detector';
import { deviationInSpreads, finiteValues } from '../deviation';
import { removeSeason } from '../seasonality';
import { SlidingWindow } from '../sliding-window';

const HISTORY = 200;
const WARM_UP = 20;
/** CUSUM allowance (half the smallest shift worth finding, in sigmas) and per-point clip against spikes. */
const ALLOWANCE = 0.5;
const CLIP = 3;
/** Cumulative sum, in sigmas, that stands for a 3.5-sigma event. */
const DECISION = 5;

/**
 * Change points: persistent shifts in level, not single spikes. Batch: binary segmentation, each point
 * scored by how far its segment's level is from the first segment's (the baseline). Streaming: a two-sided
 * CUSUM on the robust z-score against the recent past, with each point's contribution clipped.
 */
export const changePointDetector: Detector = {
  name: 'change-point',
  description: 'persistent change in level (binary segmentation in batch, CUSUM when streaming)',
  family: 'shift',
  scoreBatch(values, timestamps) {
    const finite = finiteValues(removeSeason(values, timestamps));
    const scores = new Float64Array(values.length);
    if (finite.length < 10) return scores;
    const { starts, levels, noise } = segmentLevels(finite);
    let segment = 0;
    let k = 0;
    values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      while (segment + 1 < starts.length && k >= starts[segment + 1]!) segment++;
      scores[i] = sigmaToScore((levels[segment]! - levels[0]!) / noise);
      k++;
    });
    return scores;
  },
  createStream(): DetectorStream {
    const past = new SlidingWindow(HISTORY);
    let upper = 0;
    let lower = 0;
    return deviationStream((value) => {
      let deviation = 0;
      if (past.size >= WARM_UP) {
        const center = past.median();
        const z = Math.max(-CLIP, Math.min(CLIP, deviationInSpreads(value, center, past.scale(center))));
        upper = Math.max(0, upper + z - ALLOWANCE);
        lower = Math.max(0, lower - z - ALLOWANCE);
        deviation = (3.5 * Math.max(upper, lower)) / DECISION;
      }
      past.push(value);
      return deviation;
    });
  },
};
