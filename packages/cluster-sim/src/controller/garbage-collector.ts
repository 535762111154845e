/** The garbage collector: when an owner is deleted, its dependents (by ownerReferences) are deleted too (background propagation). */
import type { ObjectApi } from '../api/object-api';
import { RESOURCES } from '../api/resources';
import type { SimClock } from '../clock';
import type { ObjectStore, StoreEvent } from '../store/object-store';

export class GarbageCollector {
  private readonly deletedOwners = new Set<string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
    private readonly api: ObjectApi,
  ) {
    store.subscribe((event) => this.observe(event));
  }

  private observe(event: StoreEvent): void {
    if (event.type !== 'DELETED' || !event.object.metadata.uid) return;
    if (this.deletedOwners.size === 0) this.clock.schedule(this.clock.now(), () => this.collect());
    this.deletedOwners.add(event.object.metadata.uid);
  }

  private collect(): void {
    const owners = new Set(this.deletedOwners);
    this.deletedOwners.clear();
    for (const type of RESOURCES) {
      for (const object of this.store.list(type)) {
        if (!(object.metadata.ownerReferences ?? []).some((ref) => owners.has(ref.uid))) continue;
        if (object.metadata.deletionTimestamp) continue;
        this.api.delete(type, object.metadata.namespace, object.metadata.name ?? '');
      }
    }
  }
}
