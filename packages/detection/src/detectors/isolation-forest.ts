import { deviationStream, excessOverReference, sigmaToScore } from '../calibration';
import type { Detector, DetectorStream } from '../detector';
import { IsolationForest } from '../isolation-forest';
import { SlidingWindow } from '../sliding-window';

/** 32 trees: raw scores within 0.01 on average (0.06 at worst) of a 500-tree forest on the benchmark series. */
const TREES = 32;
/** The streaming forest is regrown every REFIT points on the last HISTORY points. */
const HISTORY = 512;
const REFIT = 128;
const WARM_UP = 64;
const SEED = 1337;
const DIMS = 2;

/**
 * Isolation forest over (value, change from the previous value), so both unusual levels and unusual jumps
 * isolate quickly. Raw scores are calibrated against the scores of the points the forest was grown on.
 */
export const isolationForestDetector: Detector = {
  name: 'isolation-forest',
  description: 'isolation depth of (value, step) in a seeded forest with 256-point subsamples',
  family: 'point',
  scoreBatch(values) {
    const features = new Float64Array(values.length * DIMS);
    const finiteIndex: number[] = [];
    let previous = Number.NaN;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      const row = finiteIndex.length * DIMS;
      features[row] = v;
      features[row + 1] = Number.isFinite(previous) ? v - previous : 0;
      finiteIndex.push(i);
      previous = v;
    }
    const scores = new Float64Array(values.length);
    if (finiteIndex.length < 8) return scores;
    const points = features.subarray(0, finiteIndex.length * DIMS);
    const forest = IsolationForest.fit(points, DIMS, { trees: TREES, seed: SEED });
    const raw = forest.scoreAll(points, finiteIndex.length, DIMS);
    const toSigma = excessOverReference(Float64Array.from(raw).sort());
    finiteIndex.forEach((i, k) => {
      scores[i] = sigmaToScore(toSigma(raw[k]!));
    });
    return scores;
  },
  createStream(): DetectorStream {
    const history = new Float64Array(HISTORY * DIMS);
    // Raw scores the stream gave its recent points: the calibration reference, at no extra cost.
    const recentRaw = new SlidingWindow(HISTORY);
    let count = 0;
    let next = 0;
    let sinceFit = 0;
    let previous = Number.NaN;
    let forest: IsolationForest | null = null;
    const point = new Float64Array(DIMS);
    return deviationStream((value) => {
      point[0] = value;
      point[1] = Number.isFinite(previous) ? value - previous : 0;
      previous = value;
      if (forest === null ? count >= WARM_UP : sinceFit >= REFIT) {
        forest = IsolationForest.fit(history.slice(0, count * DIMS), DIMS, { trees: TREES, seed: SEED });
        sinceFit = 0;
      }
      let deviation = 0;
      if (forest !== null) {
        const raw = forest.score(point);
        if (recentRaw.size >= WARM_UP) deviation = excessOverReference(recentRaw.sortedView())(raw);
        recentRaw.push(raw);
      }
      history.set(point, next * DIMS);
      next = (next + 1) % HISTORY;
      if (count < HISTORY) count++;
      sinceFit++;
      return deviation;
    });
  },
};
