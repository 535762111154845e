/** Owner references: which objects a controller owns, and the reference it puts on what it creates. */

import { parseTime } from '../kube/time';
import type { KubeObject, OwnerReference, Pod } from '../kube/types';

export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  return (object.metadata.ownerReferences ?? []).some(
    (ref) => ref.controller && ref.uid === owner.metadata.uid,
  );
}

export function controllerReference(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Pods that count towards a ReplicaSet's replicas: not being deleted, not finished. */
export function isActivePod(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

/** When the pod last became Ready, or undefined if it is not Ready. */
export function readySince(pod: Pod): number | undefined {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') return undefined;
  return parseTime(ready.lastTransitionTime) ?? 0;
}

/** Ready for at least minReadySeconds. */
export function isAvailablePod(pod: Pod, minReadySeconds: number, now: number): boolean {
  const since = readySince(pod);
  return since !== undefined && now - since >= minReadySeconds * 1000;
}
