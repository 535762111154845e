import { quantileSorted, robustScale } from './stats';

/**
 * DBSCAN on one dimension, where neighbourhoods are ranges of a sorted array: O(n log n) instead of the
 * O(n^2) of the general algorithm. A point is core when at least `minPoints` points (itself included) lie
 * within `eps`; a point within `eps` of a core point is in a cluster; the rest is noise.
 */
export interface OneDimensionalDbscan {
  eps: number;
  /** Robust spread of the fitted values (sigma units), to express distances in. */
  scale: number;
  /** Distance from `value` to the nearest core point; 0 when `value` would join a cluster. */
  distanceToCluster(value: number): number;
}

/** k-distance quantile used as eps: the 95th percentile keeps the bulk of any distribution in clusters. */
const EPS_QUANTILE = 0.95;
const MIN_EPS_SCALE = 0.1;

export function fitDbscan(sorted: Float64Array, minPoints: number): OneDimensionalDbscan {
  const n = sorted.length;
  const k = Math.min(minPoints - 1, n - 1);
  // Distance to the k-th nearest other point, found among the k sorted neighbours on either side.
  const kDistances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lo = i;
    let hi = i;
    for (let step = 0; step < k; step++) {
      const leftGap = lo > 0 ? sorted[i]! - sorted[lo - 1]! : Number.POSITIVE_INFINITY;
      const rightGap = hi < n - 1 ? sorted[hi + 1]! - sorted[i]! : Number.POSITIVE_INFINITY;
      if (leftGap <= rightGap) lo--;
      else hi++;
    }
    kDistances[i] = Math.max(sorted[i]! - sorted[lo]!, sorted[hi]! - sorted[i]!);
  }
  const scale = robustScale(sorted, quantileSorted(sorted, 0.5));
  // A floor on eps keeps very dense data (tiny k-distances) from calling its ordinary tails noise.
  const eps = Math.max(quantileSorted(kDistances.slice().sort(), EPS_QUANTILE), MIN_EPS_SCALE * scale);
  const core: number[] = [];
  for (let i = 0; i < n; i++) if (kDistances[i]! <= eps) core.push(sorted[i]!);
  return {
    eps,
    scale,
    distanceToCluster(value) {
      if (core.length === 0) return 0;
      let lo = 0;
      let hi = core.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (core[mid]! < value) lo = mid + 1;
        else hi = mid;
      }
      const above = lo < core.length ? core[lo]! - value : Number.POSITIVE_INFINITY;
      const below = lo > 0 ? value - core[lo - 1]! : Number.POSITIVE_INFINITY;
      const distance = Math.min(above, below);
      return distance <= eps ? 0 : distance;
    },
  };
}
