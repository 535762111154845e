/**
 * Writes core/v1 Events the way Kubernetes' event recorder does: one Event per (source, object, type,
 * reason, message), whose count and lastTimestamp grow when it recurs within 10 minutes; events expire
 * after an hour (the API server's default --event-ttl).
 */
import { resourceTypes } from '../api/resources';
import type { SimClock } from '../clock';
import { formatTime, parseTime } from '../kube/time';
import type { KubeEvent, KubeObject, ObjectReference } from '../kube/types';
import type { ObjectStore } from '../store/object-store';
import { type Random, randomUid } from './names';

export interface EventSource {
  component: string;
  host?: string;
}

const AGGREGATION_WINDOW_MS = 10 * 60_000;
const EVENT_TTL_MS = 60 * 60_000;

export class EventRecorder {
  private readonly keys = new Map<string, { namespace: string; name: string }>();
  private lastSweep = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
    private readonly random: Random,
  ) {}

  record(
    object: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ): void {
    const reference: ObjectReference = {
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name ?? '',
      uid: object.metadata.uid,
      apiVersion: object.apiVersion,
      resourceVersion: object.metadata.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    };
    this.recordFor(reference, type, reason, message, source);
  }

  recordFor(
    involved: ObjectReference,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: EventSource,
  ): void {
    const now = this.clock.now();
    this.sweep(now);
    const namespace = involved.namespace || 'default';
    const key = [
      source.component,
      source.host,
      involved.kind,
      namespace,
      involved.name,
      involved.uid,
      involved.fieldPath,
      type,
      reason,
      message,
    ].join('\u0000');
    const known = this.keys.get(key);
    const existing =
      known && (this.store.get(resourceTypes.events, known.namespace, known.name) as KubeEvent | undefined);
    if (existing && now - (parseTime(existing.lastTimestamp) ?? 0) <= AGGREGATION_WINDOW_MS) {
      this.store.update(resourceTypes.events, {
        ...existing,
        count: existing.count + 1,
        lastTimestamp: formatTime(now),
      });
      return;
    }
    const name = `${involved.name}.${(BigInt(Math.floor(now)) * 1_000_000n + BigInt(Math.floor(this.random() * 1_000_000))).toString(16)}`;
    const event: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: randomUid(this.random), creationTimestamp: formatTime(now) },
      involvedObject: involved,
      reason,
      message,
      source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
      firstTimestamp: formatTime(now),
      lastTimestamp: formatTime(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    this.store.create(resourceTypes.events, event);
    this.keys.set(key, { namespace, name });
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const event of this.store.list(resourceTypes.events) as KubeEvent[]) {
      if (now - (parseTime(event.lastTimestamp) ?? now) > EVENT_TTL_MS) {
        this.store.delete(resourceTypes.events, event.metadata.namespace, event.metadata.name ?? '');
      }
    }
    for (const [key, ref] of this.keys) {
      if (!this.store.get(resourceTypes.events, ref.namespace, ref.name)) this.keys.delete(key);
    }
  }
}
