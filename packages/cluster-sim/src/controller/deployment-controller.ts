/**
 * The Deployment controller: one ReplicaSet per pod template (`<deployment>-<pod-template-hash>`),
 * rolling updates within maxSurge/maxUnavailable (or Recreate), revision annotations, history
 * clean-up, and the status and conditions `kubectl rollout status` reads.
 */
import type { ObjectApi } from '../api/object-api';
import { resourceTypes } from '../api/resources';
import type { SimClock } from '../clock';
import { formatTime, parseTime } from '../kube/time';
import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from '../kube/types';
import type { ObjectStore } from '../store/object-store';
import type { EventRecorder } from './event-recorder';
import { canonicalJson, podTemplateHash } from './names';
import { controllerReference, isControlledBy } from './ownership';

const SOURCE = { component: 'deployment-controller' };
const HASH_LABEL = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const DESIRED_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
const MAX_ANNOTATION = 'deployment.kubernetes.io/max-replicas';

/** An int-or-percent field (maxSurge, maxUnavailable) resolved against a replica count. */
function resolveIntOrPercent(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (value.endsWith('%')) {
    const exact = (Number(value.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  }
  return Number(value) || 0;
}

/** maxSurge and maxUnavailable of a deployment; both zero is not allowed, so unavailable becomes 1. */
function rolloutBounds(deployment: Deployment): { maxSurge: number; maxUnavailable: number } {
  const replicas = deployment.spec.replicas ?? 1;
  if (deployment.spec.strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: replicas };
  const rolling = deployment.spec.strategy?.rollingUpdate;
  const maxSurge = resolveIntOrPercent(rolling?.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = resolveIntOrPercent(rolling?.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

function withoutHash(template: ReplicaSet['spec']['template']): unknown {
  const labels = { ...template.metadata?.labels };
  delete labels[HASH_LABEL];
  return { ...template, metadata: { ...template.metadata, labels } };
}

function revisionOf(replicaSet: ReplicaSet): number {
  return Number(replicaSet.metadata.annotations?.[REVISION_ANNOTATION] ?? 0) || 0;
}

const specReplicas = (rs: ReplicaSet) => rs.spec.replicas ?? 0;
const sum = (sets: ReplicaSet[], of: (rs: ReplicaSet) => number) => sets.reduce((n, rs) => n + of(rs), 0);

export class DeploymentController {
  constructor(
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
    private readonly api: ObjectApi,
    private readonly events: EventRecorder,
    private readonly requestSyncAt: (at: number) => void,
  ) {}

  sync(): void {
    for (const object of this.store.list(resourceTypes.deployments)) this.syncOne(object as Deployment);
  }

  private owned(deployment: Deployment): ReplicaSet[] {
    return (this.store.list(resourceTypes.replicasets, deployment.metadata.namespace) as ReplicaSet[])
      .filter((rs) => isControlledBy(rs, deployment))
      .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
  }

  private syncOne(deployment: Deployment): void {
    const key = canonicalJson(withoutHash(deployment.spec.template));
    const find = () => {
      const all = this.owned(deployment);
      const current = all.find((rs) => canonicalJson(withoutHash(rs.spec.template)) === key);
      return { current, old: all.filter((rs) => rs !== current) };
    };
    let { current, old } = find();
    let created = false;
    if (!deployment.spec.paused) {
      if (!current) {
        current = this.createReplicaSet(deployment, old);
        created = current !== undefined;
      } else {
        this.syncRevision(current, old);
      }
      if (current) {
        if (deployment.spec.strategy?.type === 'Recreate') this.rolloutRecreate(deployment, current, old);
        else this.rolloutRolling(deployment, current, old);
        ({ current, old } = find());
        this.cleanupHistory(deployment, old);
      }
    }
    this.updateStatus(deployment, current, find().old, created);
  }

  private createReplicaSet(deployment: Deployment, old: ReplicaSet[]): ReplicaSet | undefined {
    const name = deployment.metadata.name ?? '';
    const namespace = deployment.metadata.namespace;
    const replicas = deployment.spec.replicas ?? 1;
    const { maxSurge } = rolloutBounds(deployment);
    let collisionCount = deployment.status?.collisionCount ?? 0;
    let hash = podTemplateHash(withoutHash(deployment.spec.template), collisionCount);
    while (this.store.get(resourceTypes.replicasets, namespace, `${name}-${hash}`) && collisionCount < 10) {
      collisionCount++;
      hash = podTemplateHash(withoutHash(deployment.spec.template), collisionCount);
    }
    const oldPods = sum(old, specReplicas);
    const initial =
      deployment.spec.strategy?.type === 'Recreate'
        ? oldPods > 0
          ? 0
          : replicas
        : Math.max(0, Math.min(replicas + maxSurge - oldPods, replicas));
    const template = deployment.spec.template;
    const labels = { ...template.metadata?.labels, [HASH_LABEL]: hash };
    const revision = Math.max(0, ...old.map(revisionOf)) + 1;
    const replicaSet = this.api.create(resourceTypes.replicasets, namespace, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${name}-${hash}`,
        namespace,
        labels,
        annotations: {
          [DESIRED_ANNOTATION]: String(replicas),
          [MAX_ANNOTATION]: String(replicas + maxSurge),
          [REVISION_ANNOTATION]: String(revision),
        },
        ownerReferences: [controllerReference(deployment)],
      },
      spec: {
        replicas: initial,
        minReadySeconds: deployment.spec.minReadySeconds ?? 0,
        selector: {
          ...deployment.spec.selector,
          matchLabels: { ...deployment.spec.selector.matchLabels, [HASH_LABEL]: hash },
        },
        template: {
          metadata: { ...structuredClone(template.metadata), labels },
          spec: structuredClone(template.spec),
        },
      },
    }) as ReplicaSet;
    if (initial > 0) {
      this.events.record(
        deployment,
        'Normal',
        'ScalingReplicaSet',
        `Scaled up replica set ${replicaSet.metadata.name} from 0 to ${initial}`,
        SOURCE,
      );
    }
    if (collisionCount !== (deployment.status?.collisionCount ?? 0)) {
      const fresh = this.store.get(resourceTypes.deployments, namespace, name);
      if (fresh)
        this.store.update(resourceTypes.deployments, {
          ...fresh,
          status: { ...(fresh.status as object), collisionCount },
        });
    }
    return replicaSet;
  }

  /** A template that returns to an old ReplicaSet (a rollback) makes it the newest revision. */
  private syncRevision(current: ReplicaSet, old: ReplicaSet[]): void {
    const newest = Math.max(0, ...old.map(revisionOf));
    if (revisionOf(current) > newest) return;
    this.store.update(resourceTypes.replicasets, {
      ...current,
      metadata: {
        ...current.metadata,
        annotations: { ...current.metadata.annotations, [REVISION_ANNOTATION]: String(newest + 1) },
      },
    });
  }

  private rolloutRolling(deployment: Deployment, current: ReplicaSet, old: ReplicaSet[]): void {
    const desired = deployment.spec.replicas ?? 1;
    const { maxSurge, maxUnavailable } = rolloutBounds(deployment);
    if (specReplicas(current) > desired) {
      this.scale(deployment, current, desired);
    } else if (specReplicas(current) < desired) {
      const total = specReplicas(current) + sum(old, specReplicas);
      const room = desired + maxSurge - total;
      if (room > 0)
        this.scale(
          deployment,
          current,
          specReplicas(current) + Math.min(room, desired - specReplicas(current)),
        );
    }
    const fresh = this.refresh(current);
    const oldFresh = old.map((rs) => this.refresh(rs));
    if (sum(oldFresh, specReplicas) === 0) return;
    const minAvailable = desired - maxUnavailable;
    const newUnavailable = specReplicas(fresh) - (fresh.status?.availableReplicas ?? 0);
    const maxScaledDown = specReplicas(fresh) + sum(oldFresh, specReplicas) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    let cleaned = 0;
    for (const rs of oldFresh) {
      if (cleaned >= maxScaledDown) break;
      const unhealthy = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
      if (specReplicas(rs) === 0 || unhealthy <= 0) continue;
      const down = Math.min(maxScaledDown - cleaned, unhealthy);
      this.scale(deployment, rs, specReplicas(rs) - down);
      cleaned += down;
    }
    const afterCleanup = oldFresh.map((rs) => this.refresh(rs));
    const available =
      (fresh.status?.availableReplicas ?? 0) + sum(afterCleanup, (rs) => rs.status?.availableReplicas ?? 0);
    if (available <= minAvailable) return;
    let remaining = available - minAvailable;
    for (const rs of afterCleanup) {
      if (remaining <= 0) break;
      if (specReplicas(rs) === 0) continue;
      const down = Math.min(specReplicas(rs), remaining);
      this.scale(deployment, rs, specReplicas(rs) - down);
      remaining -= down;
    }
  }

  private rolloutRecreate(deployment: Deployment, current: ReplicaSet, old: ReplicaSet[]): void {
    for (const rs of old) if (specReplicas(rs) > 0) this.scale(deployment, rs, 0);
    const oldPodsRemain =
      old.some((rs) => (this.refresh(rs).status?.replicas ?? 0) > 0) ||
      this.store
        .list(resourceTypes.pods, deployment.metadata.namespace)
        .some((p) => old.some((rs) => isControlledBy(p, rs)));
    if (!oldPodsRemain) this.scale(deployment, current, deployment.spec.replicas ?? 1);
  }

  private scale(deployment: Deployment, replicaSet: ReplicaSet, replicas: number): void {
    const fresh = this.refresh(replicaSet);
    const from = specReplicas(fresh);
    if (from === replicas) return;
    const { maxSurge } = rolloutBounds(deployment);
    const desired = deployment.spec.replicas ?? 1;
    this.store.update(resourceTypes.replicasets, {
      ...fresh,
      metadata: {
        ...fresh.metadata,
        generation: (fresh.metadata.generation ?? 1) + 1,
        annotations: {
          ...fresh.metadata.annotations,
          [DESIRED_ANNOTATION]: String(desired),
          [MAX_ANNOTATION]: String(desired + maxSurge),
        },
      },
      spec: { ...fresh.spec, replicas },
    });
    const direction = replicas > from ? 'up' : 'down';
    this.events.record(
      deployment,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${direction} replica set ${fresh.metadata.name} from ${from} to ${replicas}`,
      SOURCE,
    );
  }

  private cleanupHistory(deployment: Deployment, old: ReplicaSet[]): void {
    const limit = deployment.spec.revisionHistoryLimit ?? 10;
    const idle = old.filter((rs) => specReplicas(rs) === 0 && (rs.status?.replicas ?? 0) === 0);
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      this.api.delete(resourceTypes.replicasets, rs.metadata.namespace, rs.metadata.name ?? '');
    }
  }

  private refresh(replicaSet: ReplicaSet): ReplicaSet {
    return (this.store.get(
      resourceTypes.replicasets,
      replicaSet.metadata.namespace,
      replicaSet.metadata.name ?? '',
    ) ?? replicaSet) as ReplicaSet;
  }

  private updateStatus(
    deployment: Deployment,
    current: ReplicaSet | undefined,
    old: ReplicaSet[],
    created: boolean,
  ): void {
    const fresh = this.store.get(
      resourceTypes.deployments,
      deployment.metadata.namespace,
      deployment.metadata.name ?? '',
    ) as Deployment | undefined;
    if (!fresh) return;
    const now = this.clock.now();
    const all = current ? [current, ...old] : old;
    const desired = fresh.spec.replicas ?? 1;
    const replicas = sum(all, (rs) => rs.status?.replicas ?? 0);
    const updated = current?.status?.replicas ?? 0;
    const ready = sum(all, (rs) => rs.status?.readyReplicas ?? 0);
    const available = sum(all, (rs) => rs.status?.availableReplicas ?? 0);
    const unavailable = Math.max(0, sum(all, specReplicas) - available);
    const previous = fresh.status ?? {};
    const { maxUnavailable } = rolloutBounds(fresh);
    const nowIso = formatTime(now);

    const conditionsBefore = previous.conditions ?? [];
    const setCondition = (
      type: string,
      status: string,
      reason: string,
      message: string,
      touch: boolean,
    ): Condition => {
      const before = conditionsBefore.find((c) => c.type === type);
      const same =
        before && before.status === status && before.reason === reason && before.message === message;
      return {
        type,
        status,
        lastUpdateTime: same && !touch ? (before.lastUpdateTime ?? nowIso) : nowIso,
        lastTransitionTime:
          before && before.status === status ? (before.lastTransitionTime ?? nowIso) : nowIso,
        reason,
        message,
      };
    };
    const availableCondition =
      available >= desired - maxUnavailable
        ? setCondition(
            'Available',
            'True',
            'MinimumReplicasAvailable',
            'Deployment has minimum availability.',
            false,
          )
        : setCondition(
            'Available',
            'False',
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
            false,
          );
    const rsName = current?.metadata.name ?? '';
    const progressingBefore = conditionsBefore.find((c) => c.type === 'Progressing');
    const complete =
      current !== undefined && updated === desired && replicas === updated && available >= updated;
    const madeProgress =
      updated > (previous.updatedReplicas ?? 0) ||
      ready > (previous.readyReplicas ?? 0) ||
      available > (previous.availableReplicas ?? 0) ||
      replicas < (previous.replicas ?? 0) ||
      (fresh.metadata.generation ?? 1) !== (previous.observedGeneration ?? 0);
    let progressing: Condition | undefined;
    if (fresh.spec.paused) {
      progressing = setCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', false);
    } else if (complete) {
      progressing = setCondition(
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${rsName}" has successfully progressed.`,
        false,
      );
    } else if (created) {
      progressing = setCondition(
        'Progressing',
        'True',
        'NewReplicaSetCreated',
        `Created new replica set "${rsName}"`,
        true,
      );
    } else if (madeProgress || !progressingBefore) {
      progressing = setCondition(
        'Progressing',
        'True',
        'ReplicaSetUpdated',
        `ReplicaSet "${rsName}" is progressing.`,
        true,
      );
    } else if (
      progressingBefore.reason === 'ProgressDeadlineExceeded' ||
      progressingBefore.reason === 'NewReplicaSetAvailable'
    ) {
      progressing = progressingBefore;
    } else {
      const deadline =
        (parseTime(progressingBefore.lastUpdateTime) ?? now) +
        (fresh.spec.progressDeadlineSeconds ?? 600) * 1000;
      progressing =
        now >= deadline
          ? setCondition(
              'Progressing',
              'False',
              'ProgressDeadlineExceeded',
              `ReplicaSet "${rsName}" has timed out progressing.`,
              false,
            )
          : progressingBefore;
      if (now < deadline) this.requestSyncAt(deadline);
    }
    const status: DeploymentStatus = {
      observedGeneration: fresh.metadata.generation ?? 1,
      ...(replicas ? { replicas } : {}),
      ...(updated ? { updatedReplicas: updated } : {}),
      ...(ready ? { readyReplicas: ready } : {}),
      ...(available ? { availableReplicas: available } : {}),
      ...(unavailable ? { unavailableReplicas: unavailable } : {}),
      conditions: [availableCondition, progressing],
      ...(previous.collisionCount ? { collisionCount: previous.collisionCount } : {}),
    };
    const revision = current?.metadata.annotations?.[REVISION_ANNOTATION];
    const annotations = revision
      ? { ...fresh.metadata.annotations, [REVISION_ANNOTATION]: revision }
      : fresh.metadata.annotations;
    const next = {
      ...fresh,
      metadata: { ...fresh.metadata, ...(annotations ? { annotations } : {}) },
      status,
    };
    if (canonicalJson(next) !== canonicalJson(fresh)) this.store.update(resourceTypes.deployments, next);
  }
}
