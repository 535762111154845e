import type {
  CoreV1Event,
  V1Container,
  V1ContainerStatus,
  V1Deployment,
  V1Node,
  V1Pod,
  V1Probe,
} from '@kubernetes/client-node';
import { type Cluster, labelSelector } from './cluster';

/** What the analyzers read about one Deployment, fetched once per diagnosis. */
export interface Workload {
  namespace: string;
  name: string;
  deployment: V1Deployment;
  /** The Deployment's current pods (terminating ones left out). */
  pods: V1Pod[];
  /** Events about the Deployment, its ReplicaSets and its current pods. */
  events: CoreV1Event[];
  nodes: V1Node[];
  cluster: Cluster;
}

export async function readWorkload(
  cluster: Cluster,
  namespace: string,
  name: string,
): Promise<Workload | null> {
  const deployment = await cluster.getDeployment(namespace, name);
  if (!deployment) return null;
  const selector = labelSelector(deployment.spec?.selector?.matchLabels);
  const [pods, events, nodes] = await Promise.all([
    cluster.listPods(namespace, selector),
    cluster.listEvents(namespace),
    cluster.listNodes(),
  ]);
  const current = pods.filter((p) => !p.metadata?.deletionTimestamp);
  const podNames = new Set(current.map((p) => p.metadata?.name));
  const own = events.filter((e) => {
    const o = e.involvedObject;
    if (o.kind === 'Pod') return podNames.has(o.name);
    if (o.kind === 'Deployment') return o.name === name;
    return o.kind === 'ReplicaSet' && (o.name ?? '').startsWith(`${name}-`);
  });
  return { namespace, name, deployment, pods: current, events: own, nodes, cluster };
}

export function containersOf(workload: Workload): V1Container[] {
  return workload.deployment.spec?.template.spec?.containers ?? [];
}

export function statusOf(pod: V1Pod, container: string): V1ContainerStatus | undefined {
  return pod.status?.containerStatuses?.find((s) => s.name === container);
}

/** Events of a pod, and of one of its containers when the event names it (fieldPath). */
export function podEvents(workload: Workload, pod: V1Pod, container?: string): CoreV1Event[] {
  return workload.events.filter(
    (e) =>
      e.involvedObject.kind === 'Pod' &&
      e.involvedObject.name === pod.metadata?.name &&
      (!container || !e.involvedObject.fieldPath || e.involvedObject.fieldPath.includes(`{${container}}`)),
  );
}

export function eventText(e: CoreV1Event): string {
  const count = (e.count ?? 1) > 1 ? ` (x${e.count})` : '';
  return `${e.type ?? 'Normal'} ${e.reason}: ${e.message ?? ''}${count}`;
}

export function eventTime(e: CoreV1Event): string | undefined {
  const t = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
  return t ? new Date(t as unknown as string).toISOString() : undefined;
}

export type ProbeKind = 'readinessProbe' | 'livenessProbe' | 'startupProbe';
export const PROBE_KINDS: ProbeKind[] = ['readinessProbe', 'livenessProbe', 'startupProbe'];
export const PROBE_LABEL: Record<ProbeKind, string> = {
  readinessProbe: 'Readiness',
  livenessProbe: 'Liveness',
  startupProbe: 'Startup',
};

/** Kubernetes' defaults for what a probe leaves unset. */
export function probeTiming(probe: V1Probe) {
  return {
    initialDelaySeconds: probe.initialDelaySeconds ?? 0,
    periodSeconds: probe.periodSeconds ?? 10,
    timeoutSeconds: probe.timeoutSeconds ?? 1,
    failureThreshold: probe.failureThreshold ?? 3,
  };
}

/** The port number an httpGet probe aims at (named ports resolved against the container's ports). */
export function probePort(container: V1Container, probe: V1Probe): number | undefined {
  const port = probe.httpGet?.port;
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

export function containerPorts(container: V1Container): number[] {
  return (container.ports ?? []).map((p) => p.containerPort);
}

/** Pods whose container runs and has started, so its HTTP endpoints can be asked through pods/proxy. */
export function runningPods(workload: Workload, container: string): V1Pod[] {
  return workload.pods.filter((p) => p.status?.phase === 'Running' && statusOf(p, container)?.state?.running);
}
