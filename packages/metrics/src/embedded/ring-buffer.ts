/**
 * The newest `capacity` samples of one series, oldest overwritten first, in typed arrays (17 bytes a sample).
 * Samples arrive in time order; a sample not newer than the last one is refused, as Prometheus refuses it.
 * A stale marker records that the series vanished from its target at that time.
 */
export class RingBuffer {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private readonly stale: Uint8Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2)
      throw new RangeError('capacity must be a whole number >= 2');
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
    this.stale = new Uint8Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the newest sample or marker, or -Infinity when empty. */
  get newestTime(): number {
    return this.count === 0 ? Number.NEGATIVE_INFINITY : this.timeAt(this.count - 1);
  }

  /** Whether the newest entry is a stale marker. */
  get isStale(): boolean {
    return this.count > 0 && this.stale[this.slot(this.count - 1)] === 1;
  }

  push(timeMs: number, value: number): boolean {
    return this.write(timeMs, value, 0);
  }

  markStale(timeMs: number): boolean {
    if (this.count === 0 || this.isStale) return false;
    return this.write(timeMs, Number.NaN, 1);
  }

  /** The newest real sample at or before `timeMs` and at or after `notBeforeMs`, unless a stale marker came later. */
  latest(timeMs: number, notBeforeMs: number): number | undefined {
    const i = this.lastIndexAtOrBefore(timeMs);
    if (i < 0) return undefined;
    const slot = this.slot(i);
    if (this.stale[slot] === 1 || (this.times[slot] as number) < notBeforeMs) return undefined;
    return this.values[slot];
  }

  /**
   * Real samples with fromMs <= time <= toMs (both ends included, as Prometheus 2 selects a range), written into
   * `into` when given (its arrays are emptied first), so that a caller walking many windows allocates nothing.
   */
  range(
    fromMs: number,
    toMs: number,
    into: { times: number[]; values: number[] } = { times: [], values: [] },
  ): { times: number[]; values: number[] } {
    const { times, values } = into;
    times.length = 0;
    values.length = 0;
    for (let i = this.countBefore(fromMs); i < this.count; i++) {
      const slot = this.slot(i);
      const t = this.times[slot] as number;
      if (t > toMs) break;
      if (this.stale[slot] === 1) continue;
      times.push(t);
      values.push(this.values[slot] as number);
    }
    return { times, values };
  }

  private write(timeMs: number, value: number, stale: 0 | 1): boolean {
    if (this.count > 0 && timeMs <= this.newestTime) return false;
    const slot = this.count < this.capacity ? this.slot(this.count) : this.start;
    this.times[slot] = timeMs;
    this.values[slot] = value;
    this.stale[slot] = stale;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    return true;
  }

  /** Index (0 = oldest) of the last entry with time <= timeMs, or -1. */
  private lastIndexAtOrBefore(timeMs: number): number {
    return this.countWhere((t) => t <= timeMs) - 1;
  }

  /** How many entries are older than timeMs. */
  private countBefore(timeMs: number): number {
    return this.countWhere((t) => t < timeMs);
  }

  /** How many entries, from the oldest, satisfy a condition that holds for a prefix of the times (binary search). */
  private countWhere(holds: (time: number) => boolean): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (holds(this.timeAt(mid))) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private timeAt(index: number): number {
    return this.times[this.slot(index)] as number;
  }

  private slot(index: number): number {
    return (this.start + index) % this.capacity;
  }
}
