/**
 * One anomaly detector. Every detector returns calibrated scores in [0, 1] (see calibration.ts), so their
 * outputs can be compared and combined: 0.5 stands for a 3.5-sigma deviation, 0.65 (the default threshold)
 * for 3.9 sigma, 0.95 for 5.5 sigma.
 */
export interface Detector {
  /** Stable identifier, used in Anomaly.detectors, result folders and the registry. */
  readonly name: string;
  /** One line: what the detector looks for. */
  readonly description: string;
  /**
   * What kind of anomaly it answers to: `point` detectors flag unusual values (spikes, dips, values out of
   * season), `shift` detectors flag persistent changes of level. The ensemble weighs the two families apart,
   * so a step that point detectors absorb is not outvoted by them, and vice versa.
   */
  readonly family: 'point' | 'shift';
  /**
   * Batch mode: scores every point of a window, which may use the whole window (both sides of a point).
   * `timestamps` (Unix ms) let seasonal detectors find the daily period; NaN values score 0.
   */
  scoreBatch(values: readonly number[], timestamps?: readonly number[]): Float64Array;
  /** Streaming mode: a fresh stateful scorer whose score for a point depends on that point and the past only. */
  createStream(): DetectorStream;
}

export interface StreamScorer {
  /** Consumes the next point (timestamps increasing) and returns its score in [0, 1]. */
  update(value: number, timestampMs: number): number;
}

/** A detector's stream also tells the deviation behind its last score. */
export interface DetectorStream extends StreamScorer {
  /**
   * The last point's deviation in sigmas (>= 0, unbounded, Infinity after a flat past): what the score
   * calibrates, without the saturation of the [0, 1] scale near 1.
   */
  readonly deviation: number;
}
