import { DAY_MS, HOUR_MS, type Series } from '../src/index';

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic standard normal numbers (Box–Muller). */
export function seededNormal(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

export const HALF_HOUR_MS = HOUR_MS / 2;
/** Monday 2024-01-01 00:00 UTC. */
export const START = Date.UTC(2024, 0, 1);

/** Noise-free demand: a daily wave, quieter weekends, on a base of 100. */
export function dailyWeeklyTruth(timestamp: number): number {
  const hour = (timestamp % DAY_MS) / HOUR_MS;
  const weekday = (Math.floor(timestamp / DAY_MS) + 4) % 7;
  const weekend = weekday === 0 || weekday === 6;
  const daily = 40 * Math.sin((2 * Math.PI * (hour - 6)) / 24);
  return 100 + (weekend ? 0.5 * daily - 25 : daily);
}

/** `points` half-hourly values of `truth` plus normal noise of standard deviation `noise`. */
export function sampleSeries(
  points: number,
  truth: (timestamp: number) => number,
  noise: number,
  seed = 1,
): Series {
  const normal = seededNormal(seed);
  const timestamps = Array.from({ length: points }, (_, i) => START + i * HALF_HOUR_MS);
  return { timestamps, values: timestamps.map((timestamp) => truth(timestamp) + noise * normal()) };
}
