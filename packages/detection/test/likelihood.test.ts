import { describe, expect, it } from 'vitest';
import { AnomalyLikelihood, erfc } from '../src/likelihood';
import { seededRandom } from '../src/random';
import { maxOf } from './fixtures';

/** Raw anomaly scores: `length` points of noise between 0.05 and 0.15, seeded. */
function noisyScores(length: number, seed: number): number[] {
  const uniform = seededRandom(seed);
  return Array.from({ length }, () => 0.05 + 0.1 * uniform());
}

function run(likelihood: AnomalyLikelihood, scores: number[]): number[] {
  return scores.map((score) => likelihood.update(score));
}

describe('erfc', () => {
  it('matches tabulated values to 1e-6 relative error', () => {
    const table: Array<[number, number]> = [
      [0, 1],
      [0.5, 0.4795001222],
      [1, 0.1572992071],
      [-1, 1.8427007929],
      [3, 2.209049699e-5],
      [5, 1.537459794e-12],
    ];
    for (const [x, expected] of table) expect(Math.abs(erfc(x) / expected - 1)).toBeLessThan(1e-6);
  });
});

describe('AnomalyLikelihood', () => {
  it('says nothing while learning and until the distribution has enough history', () => {
    const scores = run(new AnomalyLikelihood({ learning: 50, minHistory: 30 }), Array(200).fill(0.9));
    expect(maxOf(scores, 0, 80)).toBe(0);
  });

  it('stays out of the far tail on stationary noisy scores', () => {
    const scores = run(new AnomalyLikelihood(), noisyScores(6000, 3));
    expect(maxOf(scores)).toBeLessThan(0.9);
  });

  it('reaches the far tail within the short window when the scores rise and stay up', () => {
    const rise = noisyScores(3000, 4).map((score, i) => (i >= 2000 && i < 2060 ? score + 0.3 : score));
    const scores = run(new AnomalyLikelihood(), rise);
    expect(maxOf(scores, 0, 2000)).toBeLessThan(0.9);
    expect(maxOf(scores, 2000, 2020)).toBeGreaterThanOrEqual(0.9);
  });

  it('leaves the inflated scores of the learning period out of the distribution', () => {
    // Detectors warming up score high at first; a later moderate rise must still stand out.
    const raw = noisyScores(3000, 5).map((score, i) => (i < 200 ? 0.9 : i >= 2500 && i < 2540 ? 0.4 : score));
    const withLearning = run(new AnomalyLikelihood(), raw);
    const withoutLearning = run(new AnomalyLikelihood({ learning: 0 }), raw);
    expect(maxOf(withLearning, 2500, 2540)).toBeGreaterThanOrEqual(0.9);
    expect(maxOf(withoutLearning, 2500, 2540)).toBeLessThan(0.5);
  });
});
