/**
 * Simulated time as a discrete-event simulation: a schedule of due actions, processed in time order.
 * Time moves only through advanceTo() (manual mode) or a real-time driver that advances it at `speed`
 * simulated seconds per real second.
 */

export interface ScheduledAction {
  readonly at: number;
  cancel(): void;
}

interface Entry {
  at: number;
  seq: number;
  action: () => void;
  cancelled: boolean;
}

export class SimClock {
  private current: number;
  private readonly heap: Entry[] = [];
  private seq = 0;
  private processing = false;
  private driver: NodeJS.Timeout | undefined;
  private anchor = { real: 0, sim: 0 };
  private speed = 1;

  constructor(startMs: number) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  get running(): boolean {
    return this.driver !== undefined;
  }

  /** Runs `action` at simulated time `at` (or now, if that is past). */
  schedule(at: number, action: () => void): ScheduledAction {
    const entry: Entry = { at: Math.max(at, this.current), seq: this.seq++, action, cancelled: false };
    this.push(entry);
    return {
      at: entry.at,
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  after(seconds: number, action: () => void): ScheduledAction {
    return this.schedule(this.current + seconds * 1000, action);
  }

  /** Processes every action due up to `target` in order, then sets the time to `target`. */
  advanceTo(target: number): void {
    this.process(target);
    // A jump ahead while running in real time: keep running at `speed` from here.
    if (this.driver) this.anchor = { real: Date.now(), sim: this.current };
  }

  private process(target: number): void {
    if (this.processing) return;
    this.processing = true;
    try {
      for (;;) {
        const next = this.heap[0];
        if (!next || next.at > target) break;
        this.pop();
        if (next.cancelled) continue;
        this.current = Math.max(this.current, next.at);
        next.action();
      }
      this.current = Math.max(this.current, target);
    } finally {
      this.processing = false;
    }
  }

  /** Processes the actions already due (used after a write so controllers react at once). */
  runDue(): void {
    this.process(this.current);
  }

  /** Starts moving time with the wall clock, `speed` simulated seconds per real second. */
  startRealTime(speed: number, onError: (error: unknown) => void, tickMs = 50): void {
    this.stopRealTime();
    this.speed = speed;
    this.anchor = { real: Date.now(), sim: this.current };
    this.driver = setInterval(() => {
      try {
        this.process(this.anchor.sim + (Date.now() - this.anchor.real) * this.speed);
      } catch (error) {
        onError(error);
      }
    }, tickMs);
    this.driver.unref();
  }

  stopRealTime(): void {
    if (this.driver) clearInterval(this.driver);
    this.driver = undefined;
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
