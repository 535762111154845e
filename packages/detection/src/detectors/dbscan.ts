import { deviationStream, sigmaToScore } from '../calibration';
import { fitDbscan, type OneDimensionalDbscan } from '../dbscan';
import type { Detector, DetectorStream } from '../detector';
import { finiteValues } from '../deviation';
import { SlidingWindow } from '../sliding-window';

/** Streaming: clusters are refitted every REFIT points on the last HISTORY values (longer costs more per refit). */
const HISTORY = 1500;
const WARM_UP = 30;
const REFIT = 32;

/** About 1% of the points, at least 4: a cluster must be more than a handful of repeats. */
function minPointsFor(count: number): number {
  return Math.max(4, Math.round(count / 100));
}

/**
 * DBSCAN decides which points are noise; a noise point's distance to the nearest cluster, in the values'
 * robust sigma, grades it: 2 sigma at the cluster's edge, 2 more per sigma of distance (a point 1 sigma
 * clear of every cluster reaches the 0.65 threshold).
 */
function noiseSigma(model: OneDimensionalDbscan, value: number): number {
  const distance = model.distanceToCluster(value);
  return distance === 0 ? 0 : 2 + (2 * distance) / model.scale;
}

/** DBSCAN on the values: a point far from every dense cluster of values is anomalous. */
export const dbscanDetector: Detector = {
  name: 'dbscan',
  description: 'distance of a value from the dense clusters DBSCAN finds among the values',
  family: 'point',
  scoreBatch(values) {
    const sorted = finiteValues(values).sort();
    const scores = new Float64Array(values.length);
    if (sorted.length < 8) return scores;
    const model = fitDbscan(sorted, minPointsFor(sorted.length));
    values.forEach((v, i) => {
      if (Number.isFinite(v)) scores[i] = sigmaToScore(noiseSigma(model, v));
    });
    return scores;
  },
  createStream(): DetectorStream {
    const past = new SlidingWindow(HISTORY);
    let model: OneDimensionalDbscan | null = null;
    let sinceFit = 0;
    return deviationStream((value) => {
      if (past.size >= WARM_UP && (model === null || sinceFit >= REFIT)) {
        model = fitDbscan(past.sortedView(), minPointsFor(past.size));
        sinceFit = 0;
      }
      const deviation = model === null ? 0 : noiseSigma(model, value);
      past.push(value);
      sinceFit++;
      return deviation;
    });
  },
};
