import { quantileSorted, robustScale } from './stats';

/**
 * The last `capacity` values, kept both in arrival order and sorted, so a streaming detector gets the
 * median and quantiles of its past in O(capacity) per update instead of a sort.
 */
export class SlidingWindow {
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.ring = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.capacity) {
      this.removeSorted(this.ring[this.start]!, this.count);
      this.ring[this.start] = value;
      this.start = (this.start + 1) % this.capacity;
      this.insertSorted(value, this.count - 1);
    } else {
      this.ring[(this.start + this.count) % this.capacity] = value;
      this.insertSorted(value, this.count);
      this.count++;
    }
  }

  /** The i-th value in arrival order (0 is the oldest kept). */
  at(i: number): number {
    return this.ring[(this.start + i) % this.capacity]!;
  }

  quantile(q: number): number {
    return quantileSorted(this.sorted.subarray(0, this.count), q);
  }

  median(): number {
    return this.quantile(0.5);
  }

  /**
   * Robust spread of the window in sigma units: the IQR (O(1) on the sorted copy, unlike the MAD), falling
   * back to robustScale when the middle half of the window is one value.
   */
  scale(center: number): number {
    const iqr = (this.quantile(0.75) - this.quantile(0.25)) / 1.349;
    return iqr > 0 ? iqr : robustScale(this.sorted.subarray(0, this.count), center);
  }

  /** The kept values in ascending order, without copying: valid until the next push. */
  sortedView(): Float64Array {
    return this.sorted.subarray(0, this.count);
  }

  /** Inserts into the first `used` sorted slots. */
  private insertSorted(value: number, used: number): void {
    const position = this.lowerBound(value, used);
    this.sorted.copyWithin(position + 1, position, used);
    this.sorted[position] = value;
  }

  /** Removes one occurrence of `value` from the first `used` sorted slots. */
  private removeSorted(value: number, used: number): void {
    const position = this.lowerBound(value, used);
    this.sorted.copyWithin(position, position + 1, used);
  }

  private lowerBound(value: number, used: number): number {
    let lo = 0;
    let hi = used;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
