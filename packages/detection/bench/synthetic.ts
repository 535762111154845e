import { seededGaussian, seededRandom } from '../src/random';

export interface SyntheticSeries {
  timestamps: number[];
  values: number[];
}

/**
 * A seeded, metric-like series: a daily rhythm (5-minute steps, so 1,440 points are 5 days), Gaussian
 * noise, and in some series a few spikes and a level shift.
 */
export function syntheticSeries(seed: number, length = 1440, stepMs = 300_000): SyntheticSeries {
  const random = seededRandom(seed);
  const gaussian = seededGaussian(seed + 1_000_000);
  const level = 50 + 100 * random();
  const amplitude = level * (0.1 + 0.4 * random());
  const noise = level * (0.01 + 0.05 * random());
  const pointsPerDay = 86_400_000 / stepMs;
  const phase = random() * 2 * Math.PI;
  const shiftAt = random() < 0.3 ? Math.floor(length * (0.3 + 0.6 * random())) : -1;
  const shift = (random() < 0.5 ? -1 : 1) * noise * (5 + 10 * random());
  const start = Date.UTC(2026, 0, 1);
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < length; i++) {
    timestamps.push(start + i * stepMs);
    let v = level + amplitude * Math.sin((2 * Math.PI * i) / pointsPerDay + phase) + noise * gaussian();
    if (shiftAt >= 0 && i >= shiftAt) v += shift;
    if (random() < 0.002) v += noise * (8 + 10 * random()) * (random() < 0.5 ? -1 : 1);
    values.push(v);
  }
  return { timestamps, values };
}
