/**
 * What a scenario runner inspects about a deployment in the simulated cluster: its spec, its pods'
 * readiness and states, and the events about them; whether it shows its symptoms; which container
 * fields a fix changed.
 */
import { resourceTypes } from '../api/resources';
import { podDisplayStatus } from '../api/table';
import type { Cluster } from '../cluster';
import { REVISION_ANNOTATION } from '../controller/deployment-controller';
import { canonicalJson } from '../controller/names';
import { isActivePod, isControlledBy } from '../controller/ownership';
import type { Deployment, KubeEvent, Pod, ReplicaSet } from '../kube/types';
import type { ScenarioExpectation } from './scenario-schema';

export interface PodObservation {
  name: string;
  phase: string;
  /** kubectl's STATUS column (CrashLoopBackOff, ImagePullBackOff, Pending, Running, ...). */
  status: string;
  ready: boolean;
  nodeName?: string;
  restarts: number;
  waitingReasons: string[];
  lastTerminationReasons: string[];
  /** Belongs to the deployment's current pod template. */
  current: boolean;
}

export interface EventObservation {
  type: string;
  reason: string;
  message: string;
  count: number;
  object: string;
}

export interface WorkloadObservation {
  namespace: string;
  name: string;
  deployment: Deployment | undefined;
  pods: PodObservation[];
  events: EventObservation[];
  /** Every replica is Ready and runs the current template, with no old pods left. */
  allReplicasReady: boolean;
}

const WARNING_SYMPTOMS = new Set(['FailedScheduling', 'Unhealthy', 'BackOff', 'Failed', 'FailedCreate']);

export function observeWorkload(cluster: Cluster, namespace: string, name: string): WorkloadObservation {
  const deployment = cluster.store.get(resourceTypes.deployments, namespace, name) as Deployment | undefined;
  if (!deployment) return { namespace, name, deployment, pods: [], events: [], allReplicasReady: false };
  const replicaSets = (cluster.store.list(resourceTypes.replicasets, namespace) as ReplicaSet[]).filter(
    (rs) => isControlledBy(rs, deployment),
  );
  const revision = deployment.metadata.annotations?.[REVISION_ANNOTATION];
  const currentSets = replicaSets.filter(
    (rs) => revision && rs.metadata.annotations?.[REVISION_ANNOTATION] === revision,
  );
  const pods = (cluster.store.list(resourceTypes.pods, namespace) as Pod[]).filter((p) =>
    replicaSets.some((rs) => isControlledBy(p, rs)),
  );
  const podObservations = pods.map((pod): PodObservation => {
    const statuses = pod.status?.containerStatuses ?? [];
    return {
      name: pod.metadata.name ?? '',
      phase: pod.status?.phase ?? 'Pending',
      status: podDisplayStatus(pod).status,
      ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
      ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      restarts: statuses.reduce((n, s) => n + s.restartCount, 0),
      waitingReasons: statuses.flatMap((s) => (s.state.waiting?.reason ? [s.state.waiting.reason] : [])),
      lastTerminationReasons: statuses.flatMap((s) =>
        s.lastState.terminated?.reason ? [s.lastState.terminated.reason] : [],
      ),
      current: currentSets.some((rs) => isControlledBy(pod, rs)) && isActivePod(pod),
    };
  });
  const involved = new Set([deployment, ...replicaSets, ...pods].map((o) => o.metadata.uid));
  const events = (cluster.store.list(resourceTypes.events, namespace) as KubeEvent[])
    .filter((e) => involved.has(e.involvedObject.uid))
    .sort((a, b) => a.lastTimestamp.localeCompare(b.lastTimestamp))
    .map((e) => ({
      type: e.type,
      reason: e.reason,
      message: e.message,
      count: e.count,
      object: `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`,
    }));
  const replicas = deployment.spec.replicas ?? 1;
  const current = podObservations.filter((p) => p.current);
  const allReplicasReady =
    current.length === replicas && current.every((p) => p.ready) && pods.length === replicas;
  return { namespace, name, deployment, pods: podObservations, events, allReplicasReady };
}

/** Whether the workload shows what is wrong with it (or, for a healthy one, that it is healthy). */
export function symptomsShown(observation: WorkloadObservation, expectation: ScenarioExpectation): boolean {
  if (expectation.outcome === 'healthy') return observation.allReplicasReady;
  if (observation.pods.length === 0 || observation.allReplicasReady) return false;
  const warned = observation.events.some((e) => e.type === 'Warning' && WARNING_SYMPTOMS.has(e.reason));
  const troubled = observation.pods.some((p) => p.restarts > 0 || p.waitingReasons.length > 0 || !p.nodeName);
  return warned || troubled;
}

/** The `fields` (of the container spec) that differ between two versions of a deployment, as "container.field". */
export function changedContainerFields(before: Deployment, after: Deployment, fields: string[]): string[] {
  const changed: string[] = [];
  const afterContainers = after.spec.template.spec.containers ?? [];
  for (const container of before.spec.template.spec.containers ?? []) {
    const other = afterContainers.find((c) => c.name === container.name);
    for (const field of fields) {
      if (!other || canonicalJson(container[field]) !== canonicalJson(other[field]))
        changed.push(`${container.name}.${field}`);
    }
  }
  return changed;
}
