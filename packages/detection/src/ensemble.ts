import { scoreToSigma } from './calibration';
import type { Detector, DetectorStream } from './detector';
import { detectors as registeredDetectors } from './detectors/registry';

/**
 * One score from many: within each family (point, shift) the quadratic mean of the members' calibrated
 * scores, then the higher family. The quadratic mean needs several members to agree (one detector alone at
 * 1 among six gives 0.41, under the 0.65 threshold) yet is not dragged down as much as a plain mean by the
 * members that cannot see a given anomaly; a family of its own keeps a step (which point detectors absorb)
 * from being outvoted. The result stays on the detectors' calibrated scale.
 */
export function combineScores(members: readonly Detector[], scores: ArrayLike<number>): number {
  let pointSum = 0;
  let pointCount = 0;
  let shiftSum = 0;
  let shiftCount = 0;
  for (let d = 0; d < members.length; d++) {
    const s = scores[d]!;
    if (members[d]!.family === 'shift') {
      shiftSum += s * s;
      shiftCount++;
    } else {
      pointSum += s * s;
      pointCount++;
    }
  }
  const point = pointCount > 0 ? Math.sqrt(pointSum / pointCount) : 0;
  const shift = shiftCount > 0 ? Math.sqrt(shiftSum / shiftCount) : 0;
  return Math.max(point, shift);
}

export interface EnsembleBatchResult {
  /** Combined score per point. */
  scores: Float64Array;
  /** Each member's own scores, by detector name. */
  byDetector: Record<string, Float64Array>;
}

/** Scores a window with every member (batch mode) and combines them point by point. */
export function scoreEnsembleBatch(
  values: readonly number[],
  timestamps?: readonly number[],
  members: readonly Detector[] = registeredDetectors,
): EnsembleBatchResult {
  const perMember = members.map((detector) => detector.scoreBatch(values, timestamps));
  const scores = new Float64Array(values.length);
  const column = new Float64Array(members.length);
  for (let i = 0; i < values.length; i++) {
    for (let d = 0; d < members.length; d++) column[d] = perMember[d]![i]!;
    scores[i] = Number.isFinite(values[i]!) ? combineScores(members, column) : 0;
  }
  const byDetector: Record<string, Float64Array> = {};
  members.forEach((detector, d) => {
    byDetector[detector.name] = perMember[d]!;
  });
  return { scores, byDetector };
}

/** A streaming ensemble that also exposes each member's score for the last point. */
export interface EnsembleStream extends DetectorStream {
  readonly lastMemberScores: Float64Array;
}

export function createEnsembleStream(members: readonly Detector[] = registeredDetectors): EnsembleStream {
  const streams = members.map((detector) => detector.createStream());
  const lastMemberScores = new Float64Array(members.length);
  const stream = {
    lastMemberScores,
    deviation: 0,
    update(value: number, timestampMs: number): number {
      for (let d = 0; d < streams.length; d++) lastMemberScores[d] = streams[d]!.update(value, timestampMs);
      const score = Number.isFinite(value) ? combineScores(members, lastMemberScores) : 0;
      stream.deviation = Math.max(0, scoreToSigma(score));
      return score;
    },
  };
  return stream;
}

/**
 * The ensemble behind the common Detector interface (the benchmark scores it like any member). Its family
 * is nominal: it is never itself a member of an ensemble.
 */
export const ensembleDetector: Detector = {
  name: 'ensemble',
  description: 'all registered detectors combined into one calibrated score',
  family: 'point',
  scoreBatch: (values, timestamps) => scoreEnsembleBatch(values, timestamps).scores,
  createStream: () => createEnsembleStream(),
};
