import type { MetricSeries } from '../input';
import { bocpdChangePoints } from '../stats/bocpd';
import { median } from '../stats/robust';

export interface ChangePointOnsetOptions {
  /** Only change points in [notBefore, notAfter] (Unix ms) vote. */
  notBefore?: number;
  notAfter?: number;
}

/**
 * The incident onset as the time most series agree on: each series' change points (BOCPD) vote,
 * and the time with the most votes within two sampling steps wins (the earliest on a tie).
 * Returns null when no series changes in the window.
 */
export function changePointOnset(
  series: readonly MetricSeries[],
  options: ChangePointOnsetOptions = {},
): number | null {
  const notBefore = options.notBefore ?? Number.NEGATIVE_INFINITY;
  const notAfter = options.notAfter ?? Number.POSITIVE_INFINITY;
  const perSeries: number[][] = [];
  const steps: number[] = [];
  for (const s of series) {
    if (s.timestamps.length < 3) continue;
    steps.push(s.timestamps[1]! - s.timestamps[0]!);
    const times = bocpdChangePoints(s.values)
      .map((i) => s.timestamps[i]!)
      .filter((t) => t >= notBefore && t <= notAfter);
    if (times.length > 0) perSeries.push(times);
  }
  if (perSeries.length === 0) return null;
  const tolerance = 2 * median(steps);
  const candidates = [...new Set(perSeries.flat())].sort((a, b) => a - b);
  let best: number | null = null;
  let bestVotes = 0;
  for (const candidate of candidates) {
    const votes = perSeries.filter((times) => times.some((t) => Math.abs(t - candidate) <= tolerance)).length;
    if (votes > bestVotes) {
      best = candidate;
      bestVotes = votes;
    }
  }
  return best;
}
