import type { DetectorStream } from './detector';

/**
 * The common scale of every detector: a deviation expressed in Gaussian-sigma units (|z|) becomes a score
 * with a logistic centred on 3.5 sigma: 3.5 sigma gives 0.5, 3.9 the default threshold 0.65, 4.5 gives 0.82 and
 * 5.5 gives 0.95; ordinary noise (|z| < 2.5) stays under 0.2, so a clean series of a few thousand points rarely
 * reaches the threshold by chance.
 */
const CENTER_SIGMA = 3.5;
const STEEPNESS = 1.5;

function logistic(sigma: number): number {
  return 1 / (1 + Math.exp(-STEEPNESS * (sigma - CENTER_SIGMA)));
}

/** The logistic's value at 0 sigma, subtracted so that no deviation at all scores exactly 0. */
const AT_ZERO = logistic(0);

export function sigmaToScore(sigma: number): number {
  if (!Number.isFinite(sigma)) return Number.isNaN(sigma) ? 0 : 1;
  return (logistic(Math.abs(sigma)) - AT_ZERO) / (1 - AT_ZERO);
}

/**
 * A detector stream from a function that gives each new finite point's signed deviation in sigmas (0 while
 * warming up). NaN points score 0 and do not reach `next`, so detectors skip gaps without special cases.
 */
export function deviationStream(next: (value: number, timestampMs: number) => number): DetectorStream {
  const stream = {
    deviation: 0,
    update(value: number, timestampMs: number): number {
      const deviation = Number.isFinite(value) ? Math.abs(next(value, timestampMs)) : 0;
      stream.deviation = Number.isNaN(deviation) ? 0 : deviation;
      return sigmaToScore(stream.deviation);
    },
  };
  return stream;
}

/** Inverse of sigmaToScore, for reporting a score as the deviation it stands for. */
export function scoreToSigma(score: number): number {
  const clamped = Math.min(Math.max(score * (1 - AT_ZERO) + AT_ZERO, 1e-12), 1 - 1e-12);
  return CENTER_SIGMA + Math.log(clamped / (1 - clamped)) / STEEPNESS;
}

/**
 * Calibration for detectors whose raw output has no natural unit (isolation depth, cluster distance): a raw
 * value is measured against the raw values of the reference data (the data the model was fitted on) so that
 * the reference's 99th percentile maps to 2.33 sigma, as it would for Gaussian noise; only the "more
 * anomalous" side counts. Using the far tail rather than the MAD matters: these raw scores are skewed.
 */
export function excessOverReference(sortedReference: ArrayLike<number>): (raw: number) => number {
  const n = sortedReference.length;
  if (n === 0) return () => 0;
  const center = sortedReference[Math.floor((n - 1) / 2)]!;
  const tail = sortedReference[Math.floor(0.99 * (n - 1))]!;
  const spread = Math.max((tail - center) / 2.326, 1e-9);
  return (raw) => (raw <= center ? 0 : (raw - center) / spread);
}
