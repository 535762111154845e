import { robustScale } from './robust';

export interface BocpdOptions {
  /** Prior probability of a change at any step (constant hazard). */
  hazard?: number;
  /** Run lengths above this are folded into it, bounding the work to O(n · maxRunLength). */
  maxRunLength?: number;
  /** A segment start counts as a change point once it has been the most probable one this many steps. */
  confirmSteps?: number;
}

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const shifted = x - 1;
  let sum = 0.99999999999980993;
  for (let i = 0; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (shifted + i + 1);
  const t = shifted + LANCZOS.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * Bayesian online change point detection (Adams & MacKay, 2007) with a Normal-Gamma prior
 * (unknown mean and variance), on the series standardised by its median and IQR.
 * Returns the indices where a new segment starts, in order; index 0 is never reported.
 */
export function bocpdChangePoints(values: readonly number[], options: BocpdOptions = {}): number[] {
  const hazard = options.hazard ?? 1 / 100;
  const maxRun = options.maxRunLength ?? 400;
  const confirmSteps = options.confirmSteps ?? 3;
  const n = values.length;
  if (n < 3) return [];
  const scale = robustScale(values);
  const spread = scale.iqr > 0 ? scale.iqr / 1.349 : 1;
  const size = Math.min(n, maxRun) + 1;
  // Prior: mean 0, kappa 1, alpha 1, beta 1 on the standardised data. Index = run length.
  const mu = new Float64Array(size);
  const kappa = new Float64Array(size).fill(1);
  const beta = new Float64Array(size).fill(1);
  const logProb = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
  const next = new Float64Array(size);
  // alpha = 1 + r / 2 depends on the run length only, and so does the Student-t normalising constant.
  const alpha = new Float64Array(size);
  const logNorm = new Float64Array(size);
  for (let r = 0; r < size; r++) {
    alpha[r] = 1 + r / 2;
    const nu = 2 * alpha[r]!;
    logNorm[r] = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI);
  }
  logProb[0] = 0;
  let runs = 1;
  const logHazard = Math.log(hazard);
  const logSurvive = Math.log(1 - hazard);
  const changePoints: number[] = [];
  let candidateStart = -1;
  let candidateSteps = 0;

  for (let t = 0; t < n; t++) {
    const x = (values[t]! - scale.median) / spread;
    const grownRuns = Math.min(runs + 1, size);
    next.fill(Number.NEGATIVE_INFINITY, 0, grownRuns);
    let changeMax = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < runs; r++) {
      // Run lengths with negligible probability stay negligible: skipping them bounds the work in practice.
      if (logProb[r]! < NEGLIGIBLE) {
        logProb[r] = Number.NEGATIVE_INFINITY;
        continue;
      }
      const a = alpha[r]!;
      const k = kappa[r]!;
      const variance = (beta[r]! * (k + 1)) / (a * k);
      const nu = 2 * a;
      const z = x - mu[r]!;
      const logPred =
        logNorm[r]! - 0.5 * Math.log(variance) - ((nu + 1) / 2) * Math.log(1 + (z * z) / (nu * variance));
      const joint = logProb[r]! + logPred;
      if (joint > changeMax) changeMax = joint;
      // Every run grows by one; only the longest kept run length collects two terms.
      next[r + 1 < size ? r + 1 : size - 1] =
        r + 1 < size - 1 ? joint + logSurvive : logAddExp(next[size - 1]!, joint + logSurvive);
      // Reuse logProb[r] to hold the joint term for the change-point sum below.
      logProb[r] = joint;
    }
    let changeSum = 0;
    for (let r = 0; r < runs; r++) changeSum += Math.exp(logProb[r]! - changeMax);
    next[0] = changeMax + Math.log(changeSum) + logHazard;
    let total = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < grownRuns; r++) total = logAddExp(total, next[r]!);

    // Update the statistics from the longest run down, so each reads its predecessor before it changes.
    for (let r = grownRuns - 1; r >= 1; r--) {
      const k = kappa[r - 1]!;
      const m = mu[r - 1]!;
      mu[r] = (k * m + x) / (k + 1);
      kappa[r] = k + 1;
      beta[r] = beta[r - 1]! + (k * (x - m) * (x - m)) / (2 * (k + 1));
    }
    mu[0] = 0;
    kappa[0] = 1;
    beta[0] = 1;
    let best = 0;
    for (let r = 0; r < grownRuns; r++) {
      logProb[r] = next[r]! - total;
      if (logProb[r]! > logProb[best]!) best = r;
    }
    runs = grownRuns;

    // The run length counts the observations so far in the segment, including x_t.
    const start = t + 1 - best;
    if (start === candidateStart) candidateSteps++;
    else {
      candidateStart = start;
      candidateSteps = 1;
    }
    if (
      candidateSteps === confirmSteps &&
      candidateStart > 0 &&
      candidateStart <= t &&
      changePoints.at(-1) !== candidateStart
    ) {
      changePoints.push(candidateStart);
    }
  }
  return changePoints;
}

const NEGLIGIBLE = -30;

function logAddExp(a: number, b: number): number {
  const high = Math.max(a, b);
  if (high === Number.NEGATIVE_INFINITY) return high;
  return high + Math.log(Math.exp(a - high) + Math.exp(b - high));
}
