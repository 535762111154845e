/**
 * The ReplicaSet controller: keeps each ReplicaSet's number of active pods at spec.replicas (pods
 * named `<replicaset>-<5 chars>`, SuccessfulCreate/SuccessfulDelete events, the least valuable pods
 * deleted first) and reports replicas, readyReplicas and availableReplicas.
 */
import type { ObjectApi } from '../api/object-api';
import { resourceTypes } from '../api/resources';
import { ApiError } from '../api/status';
import type { SimClock } from '../clock';
import type { Pod, ReplicaSet, ReplicaSetStatus } from '../kube/types';
import type { ObjectStore } from '../store/object-store';
import type { EventRecorder } from './event-recorder';
import { canonicalJson } from './names';
import { controllerReference, isActivePod, isAvailablePod, isControlledBy, readySince } from './ownership';

const SOURCE = { component: 'replicaset-controller' };

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** Deletion order: unscheduled, pending, not ready, ready more briefly, restarted more, newer first. */
function deletionOrder(a: Pod, b: Pod): number {
  const assigned = Number(Boolean(a.spec.nodeName)) - Number(Boolean(b.spec.nodeName));
  if (assigned !== 0) return assigned;
  const phase =
    (PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0) - (PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0);
  if (phase !== 0) return phase;
  const readyA = readySince(a);
  const readyB = readySince(b);
  if ((readyA === undefined) !== (readyB === undefined)) return readyA === undefined ? -1 : 1;
  if (readyA !== undefined && readyB !== undefined && readyA !== readyB) return readyB - readyA;
  const restarts = (p: Pod) => (p.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '');
}

export class ReplicaSetController {
  constructor(
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
    private readonly api: ObjectApi,
    private readonly events: EventRecorder,
    private readonly requestSyncAt: (at: number) => void,
  ) {}

  sync(): void {
    for (const object of this.store.list(resourceTypes.replicasets)) this.syncOne(object as ReplicaSet);
  }

  private syncOne(replicaSet: ReplicaSet): void {
    const namespace = replicaSet.metadata.namespace;
    const owned = () =>
      (this.store.list(resourceTypes.pods, namespace) as Pod[]).filter((p) => isControlledBy(p, replicaSet));
    const active = owned().filter(isActivePod);
    const desired = replicaSet.spec.replicas ?? 1;
    if (active.length < desired) {
      for (let i = active.length; i < desired; i++) this.createPod(replicaSet);
    } else if (active.length > desired) {
      for (const pod of [...active].sort(deletionOrder).slice(0, active.length - desired)) {
        this.api.delete(resourceTypes.pods, namespace, pod.metadata.name ?? '');
        this.events.record(
          replicaSet,
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${pod.metadata.name}`,
          SOURCE,
        );
      }
    }
    this.updateStatus(replicaSet, owned().filter(isActivePod));
  }

  private createPod(replicaSet: ReplicaSet): void {
    const template = replicaSet.spec.template;
    const name = replicaSet.metadata.name ?? '';
    try {
      const pod = this.api.create(resourceTypes.pods, replicaSet.metadata.namespace, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          generateName: `${name}-`,
          namespace: replicaSet.metadata.namespace,
          labels: { ...template.metadata?.labels },
          ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
          ownerReferences: [controllerReference(replicaSet)],
        },
        spec: structuredClone(template.spec),
      });
      this.events.record(
        replicaSet,
        'Normal',
        'SuccessfulCreate',
        `Created pod: ${pod.metadata.name}`,
        SOURCE,
      );
    } catch (error) {
      const message = error instanceof ApiError ? error.message : String(error);
      this.events.record(replicaSet, 'Warning', 'FailedCreate', `Error creating: ${message}`, SOURCE);
    }
  }

  private updateStatus(replicaSet: ReplicaSet, active: Pod[]): void {
    const now = this.clock.now();
    const minReady = replicaSet.spec.minReadySeconds ?? 0;
    const ready = active.filter((p) => readySince(p) !== undefined);
    const available = active.filter((p) => isAvailablePod(p, minReady, now));
    for (const pod of ready) {
      if (!available.includes(pod)) this.requestSyncAt((readySince(pod) ?? now) + minReady * 1000);
    }
    const status: ReplicaSetStatus = {
      replicas: active.length,
      ...(active.length ? { fullyLabeledReplicas: active.length } : {}),
      ...(ready.length ? { readyReplicas: ready.length } : {}),
      ...(available.length ? { availableReplicas: available.length } : {}),
      observedGeneration: replicaSet.metadata.generation ?? 1,
    };
    const current = this.store.get(
      resourceTypes.replicasets,
      replicaSet.metadata.namespace,
      replicaSet.metadata.name ?? '',
    );
    if (!current || canonicalJson(current.status) === canonicalJson(status)) return;
    this.store.update(resourceTypes.replicasets, { ...current, status });
  }
}
