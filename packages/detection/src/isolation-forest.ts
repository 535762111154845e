import { seededRandom } from './random';

export interface IsolationForestOptions {
  trees?: number;
  /** Points each tree is grown on (subsampling as in Liu et al. 2008: 256 isolates anomalies best). */
  sampleSize?: number;
  seed?: number;
}

const EULER_GAMMA = 0.5772156649;
/** Share of the data's range by which a point must leave a node's range to count as isolated there. */
const OUTSIDE_MARGIN = 0.1;

/** Average path length of an unsuccessful search in a binary search tree of n points: c(n) in the paper. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/**
 * A seeded isolation forest over row-major points (`dims` numbers per point). All trees live in one set of
 * flat arrays; a leaf (feature -1) stores its whole path length (depth + c(size)), so scoring is a few
 * array reads per level. ml-isolation-forest was not used: it draws from an unseeded Math.random (scores
 * change run to run) and grows every tree on all the points, which is slower and masks clustered anomalies
 * that subsampling exposes.
 */
export class IsolationForest {
  private constructor(
    private readonly roots: Int32Array,
    private readonly feature: Int32Array,
    private readonly split: Float64Array,
    /** Per split node: its points' range on the split feature, widened by the isolation margin. */
    private readonly low: Float64Array,
    private readonly high: Float64Array,
    private readonly right: Int32Array,
    private readonly pathLength: Float64Array,
    private readonly normaliser: number,
  ) {}

  static fit(points: Float64Array, dims: number, options: IsolationForestOptions = {}): IsolationForest {
    const count = Math.floor(points.length / dims);
    const treeCount = options.trees ?? 100;
    const sampleSize = Math.min(options.sampleSize ?? 256, count);
    const random = seededRandom(options.seed ?? 42);
    const maxDepth = Math.ceil(Math.log2(Math.max(sampleSize, 2)));
    const capacity = treeCount * (2 * sampleSize + 1);
    const feature = new Int32Array(capacity).fill(-1);
    const split = new Float64Array(capacity);
    const lows = new Float64Array(capacity);
    const highs = new Float64Array(capacity);
    const right = new Int32Array(capacity);
    const pathLength = new Float64Array(capacity);
    const roots = new Int32Array(treeCount);
    const order = new Int32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    const sample = new Int32Array(sampleSize);
    // How far beyond a node's range a point must lie to count as isolated there (see score).
    const margin = new Float64Array(dims);
    for (let f = 0; f < dims; f++) {
      let low = Number.POSITIVE_INFINITY;
      let high = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < count; i++) {
        low = Math.min(low, points[i * dims + f]!);
        high = Math.max(high, points[i * dims + f]!);
      }
      margin[f] = OUTSIDE_MARGIN * (high - low);
    }
    let nodes = 0;
    // Nodes are laid out depth-first: a split node's left child is the next node, its right child is stored.
    const grow = (from: number, to: number, depth: number): void => {
      const node = nodes++;
      const n = to - from;
      if (depth < maxDepth && n > 1) {
        const first = Math.floor(random() * dims);
        for (let k = 0; k < dims; k++) {
          const candidate = (first + k) % dims;
          let low = Number.POSITIVE_INFINITY;
          let high = Number.NEGATIVE_INFINITY;
          for (let i = from; i < to; i++) {
            const v = points[sample[i]! * dims + candidate]!;
            if (v < low) low = v;
            if (v > high) high = v;
          }
          if (!(high > low)) continue;
          const threshold = low + random() * (high - low);
          let middle = from;
          for (let i = from; i < to; i++) {
            if (points[sample[i]! * dims + candidate]! < threshold) {
              const swap = sample[i]!;
              sample[i] = sample[middle]!;
              sample[middle] = swap;
              middle++;
            }
          }
          feature[node] = candidate;
          split[node] = threshold;
          lows[node] = low - margin[candidate]!;
          highs[node] = high + margin[candidate]!;
          grow(from, middle, depth + 1);
          right[node] = nodes;
          grow(middle, to, depth + 1);
          return;
        }
      }
      // A leaf: too deep, a single point, or points that no longer differ in any feature.
      pathLength[node] = depth + averagePathLength(n);
    };
    for (let t = 0; t < treeCount; t++) {
      for (let i = 0; i < sampleSize; i++) {
        const j = i + Math.floor(random() * (count - i));
        const swap = order[i]!;
        order[i] = order[j]!;
        order[j] = swap;
        sample[i] = order[i]!;
      }
      roots[t] = nodes;
      grow(0, sampleSize, 0);
    }
    return new IsolationForest(
      roots,
      feature,
      split,
      lows,
      highs,
      right,
      pathLength,
      averagePathLength(sampleSize),
    );
  }

  /**
   * Anomaly score of the point at `offset` in `points`: 2^(-E[h(x)] / c(sampleSize)), about 0.5 for normal.
   * A point clearly outside the range a node's points span on its split feature (by more than a tenth of
   * the whole data's range) is taken as isolated right there, one cut deeper: without this, a point far
   * beyond everything the trees were grown on would follow the most extreme training points and score no
   * higher than them, which matters when streaming (the new point is never in the training set).
   */
  score(points: Float64Array, offset = 0): number {
    let total = 0;
    for (let t = 0; t < this.roots.length; t++) total += this.pathIn(t, points, offset);
    return this.toScore(total);
  }

  /** Scores of all `count` points of `points` (row-major), tree by tree so each tree stays in cache. */
  scoreAll(points: Float64Array, count: number, dims: number): Float64Array {
    const totals = new Float64Array(count);
    for (let t = 0; t < this.roots.length; t++) {
      for (let i = 0; i < count; i++) totals[i]! += this.pathIn(t, points, i * dims);
    }
    for (let i = 0; i < count; i++) totals[i] = this.toScore(totals[i]!);
    return totals;
  }

  private pathIn(tree: number, points: Float64Array, offset: number): number {
    const { feature, split, low, high, right, pathLength } = this;
    let node = this.roots[tree]!;
    let f = feature[node]!;
    let depth = 0;
    while (f >= 0) {
      const v = points[offset + f]!;
      if (v < low[node]! || v > high[node]!) return depth + 1;
      node = v < split[node]! ? node + 1 : right[node]!;
      f = feature[node]!;
      depth++;
    }
    return pathLength[node]!;
  }

  private toScore(totalPath: number): number {
    if (this.normaliser === 0) return 0.5;
    return 2 ** (-totalPath / this.roots.length / this.normaliser);
  }
}
