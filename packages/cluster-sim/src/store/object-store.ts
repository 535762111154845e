/**
 * The cluster's object store, like etcd behind the API server: one resourceVersion counter for every
 * write, objects frozen once stored (readers share them; writers store a modified copy), and a bounded
 * history of changes so a watch can resume from a resourceVersion.
 */
import type { ResourceType } from '../api/resources';
import type { KubeObject } from '../kube/types';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  resource: ResourceType;
  object: KubeObject;
  revision: number;
}

const HISTORY_LIMIT = 20_000;

export class ObjectStore {
  private current = 1000;
  private readonly data = new Map<ResourceType, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private readonly undelivered: StoreEvent[] = [];
  private delivering = false;

  /** The resourceVersion of the latest write. */
  get revision(): number {
    return this.current;
  }

  /** The oldest resourceVersion a watch can resume after. */
  get oldestResumable(): number {
    return this.history.length > 0 ? this.history[0]!.revision - 1 : this.current;
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.bucket(type).get(keyOf(type, namespace, name));
  }

  /** Objects of a type, in one namespace or all, sorted by namespace and name. */
  list(type: ResourceType, namespace?: string): KubeObject[] {
    const all = [...this.bucket(type).values()];
    const selected =
      namespace && type.namespaced ? all.filter((o) => o.metadata.namespace === namespace) : all;
    return selected.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  }

  /** Stores a new object, assigning its resourceVersion. The caller checks that the name is free. */
  create(type: ResourceType, object: KubeObject): KubeObject {
    return this.write(type, object, 'ADDED');
  }

  /** Replaces a stored object, assigning a new resourceVersion. */
  update(type: ResourceType, object: KubeObject): KubeObject {
    return this.write(type, object, 'MODIFIED');
  }

  delete(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const key = keyOf(type, namespace, name);
    const existing = this.bucket(type).get(key);
    if (!existing) return undefined;
    this.bucket(type).delete(key);
    this.current++;
    const object = deepFreeze({
      ...existing,
      metadata: { ...existing.metadata, resourceVersion: String(this.current) },
    });
    this.emit({ type: 'DELETED', resource: type, object, revision: this.current });
    return object;
  }

  /** Changes after `revision`, or undefined when they are no longer in the history. */
  changesSince(revision: number): StoreEvent[] | undefined {
    if (revision < this.oldestResumable) return undefined;
    return this.history.filter((e) => e.revision > revision);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Removes every object (watchers see them deleted). */
  clear(): void {
    for (const [type, bucket] of this.data) {
      for (const object of [...bucket.values()])
        this.delete(type, object.metadata.namespace, object.metadata.name ?? '');
    }
  }

  private write(type: ResourceType, object: KubeObject, kind: WatchEventType): KubeObject {
    this.current++;
    const stored = deepFreeze({
      ...structuredClone(object),
      metadata: { ...structuredClone(object.metadata), resourceVersion: String(this.current) },
    });
    this.bucket(type).set(keyOf(type, stored.metadata.namespace, stored.metadata.name ?? ''), stored);
    this.emit({ type: kind, resource: type, object: stored, revision: this.current });
    return stored;
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    // Listeners may write; their changes are delivered after this one, so every listener sees changes in order.
    this.undelivered.push(event);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.undelivered.shift(); next; next = this.undelivered.shift()) {
        for (const listener of [...this.listeners]) listener(next);
      }
    } finally {
      this.delivering = false;
    }
  }

  private bucket(type: ResourceType): Map<string, KubeObject> {
    let bucket = this.data.get(type);
    if (!bucket) {
      bucket = new Map();
      this.data.set(type, bucket);
    }
    return bucket;
  }
}

function keyOf(type: ResourceType, namespace: string | undefined, name: string): string {
  return type.namespaced ? `${namespace ?? ''}/${name}` : name;
}

function sortKey(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
