/** Seeded pseudo-random numbers (mulberry32): detectors must give the same scores on every run. */
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

/** Seeded, approximately standard normal numbers (sum of 12 uniforms minus 6), for synthetic series. */
export function seededGaussian(seed: number): () => number {
  const random = seededRandom(seed);
  return () => {
    let sum = 0;
    for (let k = 0; k < 12; k++) sum += random();
    return sum - 6;
  };
}
