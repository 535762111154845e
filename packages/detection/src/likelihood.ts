import { RingBuffer } from './ring-buffer';

export interface AnomalyLikelihoodOptions {
  /** Points averaged into the short-term mean that is tested (default 20). */
  shortWindow?: number;
  /** Short-term means kept as the long-term distribution (default 8,640, Numenta's: a month of 5-minute data). */
  longWindow?: number;
  /**
   * First points whose raw scores are left out of the long-term distribution (default 288, Numenta's
   * learning period): the detectors behind the raw score are still warming up there (no season found yet,
   * little history), and their inflated early scores would widen the distribution and hide a real change
   * thousands of points later.
   */
  learning?: number;
  /** Short-term means the distribution needs before the likelihood is computed (default 100, Numenta's). */
  minHistory?: number;
}

/** Floor of the long-term spread, in raw-score units: a flat past must not make every wiggle infinitely unlikely. */
const MIN_SPREAD = 0.01;
/** The log scale's end: a tail probability of 1e-10 or less scores 1. */
const LOG_FLOOR = -10;

/** Coefficients of the Chebyshev fit of erfc (Press et al., Numerical Recipes, erfcc), constant term first. */
const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

/** Complementary error function, fractional error below 1.2e-7 everywhere: ample for tails near 1e-9. */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  let polynomial = 0;
  for (let k = ERFC_COEFFICIENTS.length - 1; k >= 0; k--) polynomial = ERFC_COEFFICIENTS[k]! + t * polynomial;
  const value = t * Math.exp(-z * z + polynomial);
  return x >= 0 ? value : 2 - value;
}

/**
 * Numenta-style anomaly likelihood over a stream of raw anomaly scores in [0, 1]: the mean of the last
 * `shortWindow` raw scores is tested against the Gaussian fitted to the long-term distribution of such
 * means, and its upper tail probability q is reported on a log scale, log10(q) / -10 clipped to [0, 1]
 * (0.9 is q = 1e-9). Noisy raw scores that merely stay high are absorbed by the distribution; a sustained
 * rise beyond everything recent (a flat stretch where the series always moved, a plateau at a new level)
 * reaches the far tail even when no single point is extreme. Online: the distribution holds only the past.
 */
export class AnomalyLikelihood {
  private readonly shortWindow: number;
  private readonly learning: number;
  private readonly minHistory: number;
  private readonly recent: RingBuffer;
  private readonly means: RingBuffer;
  private recentSum = 0;
  private sum = 0;
  private sumSquares = 0;
  private seen = 0;

  constructor(options: AnomalyLikelihoodOptions = {}) {
    this.shortWindow = options.shortWindow ?? 20;
    this.learning = options.learning ?? 288;
    this.minHistory = options.minHistory ?? 100;
    this.recent = new RingBuffer(this.shortWindow);
    this.means = new RingBuffer(options.longWindow ?? 8640);
  }

  /** Consumes the next raw score and returns the log-scaled likelihood that the recent scores are unusual. */
  update(rawScore: number): number {
    const raw = Number.isFinite(rawScore) ? Math.min(1, Math.max(0, rawScore)) : 0;
    if (this.recent.size === this.shortWindow) this.recentSum -= this.recent.fromEnd(this.shortWindow - 1);
    this.recent.push(raw);
    this.recentSum += raw;
    const shortMean = this.recentSum / this.recent.size;
    this.seen++;
    if (this.seen <= this.learning) return 0;
    let score = 0;
    const count = this.means.size;
    if (count >= this.minHistory) {
      const center = this.sum / count;
      const spread = Math.max(MIN_SPREAD, Math.sqrt(Math.max(0, this.sumSquares / count - center * center)));
      const tail = 0.5 * erfc((shortMean - center) / spread / Math.SQRT2);
      score = tail > 0 ? Math.min(1, Math.max(0, Math.log10(tail) / LOG_FLOOR)) : 1;
    }
    if (count === this.means.capacity) {
      const oldest = this.means.fromEnd(count - 1);
      this.sum -= oldest;
      this.sumSquares -= oldest * oldest;
    }
    this.means.push(shortMean);
    this.sum += shortMean;
    this.sumSquares += shortMean * shortMean;
    return score;
  }
}
