import { seededGaussian } from '../src/random';

export const START = Date.UTC(2026, 0, 5);

export const gaussianNoise = seededGaussian;

export function timeline(length: number, stepMs: number): number[] {
  return Array.from({ length }, (_, i) => START + i * stepMs);
}

/** A sine of `period` points around 100 (amplitude 20) with Gaussian noise of sigma `noise`. */
export function noisySine(length: number, period: number, noise: number, seed = 1): number[] {
  const gaussian = gaussianNoise(seed);
  return Array.from(
    { length },
    (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / period) + noise * gaussian(),
  );
}

export function maxOf(scores: ArrayLike<number>, from = 0, to = scores.length): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = from; i < to; i++) max = Math.max(max, scores[i]!);
  return max;
}
