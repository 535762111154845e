/**
 * Runs the controllers (deployments, replica sets, scheduler, kubelet) whenever the cluster changes,
 * at the simulated time of the change, until nothing more changes; and at times they ask to be woken
 * (readiness deadlines, scheduler retries).
 */
import { resourceTypes } from '../api/resources';
import type { ScheduledAction, SimClock } from '../clock';
import type { ObjectStore } from '../store/object-store';

export interface Controller {
  sync(): void;
}

const MAX_PASSES = 50;

export class ControlLoop {
  private pending: ScheduledAction | undefined;
  private readonly wakeups = new Set<number>();
  /** Writes other than Events: what the controllers react to. */
  private changes = 0;

  constructor(
    store: ObjectStore,
    private readonly clock: SimClock,
    private readonly controllers: Controller[],
  ) {
    store.subscribe((event) => {
      if (event.resource === resourceTypes.events) return;
      this.changes++;
      this.requestSync();
    });
  }

  /** Runs the controllers at the current simulated time, when the clock next processes what is due. */
  requestSync(): void {
    if (!this.pending) this.pending = this.clock.schedule(this.clock.now(), () => this.syncAll());
  }

  /** Runs the controllers at a later simulated time. */
  requestSyncAt(at: number): void {
    if (at <= this.clock.now()) {
      this.requestSync();
      return;
    }
    if (this.wakeups.has(at)) return;
    this.wakeups.add(at);
    this.clock.schedule(at, () => {
      this.wakeups.delete(at);
      this.requestSync();
    });
  }

  private syncAll(): void {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const before = this.changes;
      for (const controller of this.controllers) controller.sync();
      if (this.changes === before) break;
    }
    this.pending?.cancel();
    this.pending = undefined;
  }
}
