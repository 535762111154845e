/** The last `capacity` numbers in arrival order (a plain ring: no sorting, O(1) per push). */
export class RingBuffer {
  private readonly ring: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.ring = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.capacity) {
      this.ring[this.start] = value;
      this.start = (this.start + 1) % this.capacity;
    } else {
      this.ring[(this.start + this.count) % this.capacity] = value;
      this.count++;
    }
  }

  /** The i-th newest value (0 is the latest). */
  fromEnd(i: number): number {
    return this.ring[(this.start + this.count - 1 - i) % this.capacity]!;
  }

  /** The newest `length` values, oldest first. */
  last(length: number): Float64Array {
    const n = Math.min(length, this.count);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.fromEnd(n - 1 - i);
    return out;
  }
}
