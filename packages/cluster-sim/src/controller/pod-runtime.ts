/**
 * The kubelet's view of a pod it runs: each container's runs (instances), waiting reason, probe
 * streaks and timers, and how that state becomes `pod.status` as Kubernetes reports it.
 */
import type { ScheduledAction } from '../clock';
import { formatTime } from '../kube/time';
import type { Condition, Container, ContainerState, ContainerStatus, Pod, PodStatus } from '../kube/types';
import type { Behaviour } from './behaviour';
import type { ProbeKind } from './probes';

export interface LogLine {
  at: number;
  text: string;
}

/** One run of a container process. */
export interface ContainerInstance {
  id: string;
  startedAt: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  logs: LogLine[];
}

export interface ContainerRuntime {
  spec: Container;
  init: boolean;
  state: 'waiting' | 'running' | 'terminated';
  waiting: { reason: string; message?: string };
  /** Runs, oldest first; the last is the current or most recent one. */
  instances: ContainerInstance[];
  ready: boolean;
  /** The startup probe has succeeded (or there is none). */
  started: boolean;
  listeningFrom: number | undefined;
  streaks: Record<ProbeKind, { successes: number; failures: number }>;
  timers: ScheduledAction[];
  crashBackoffSeconds: number;
  pullBackoffSeconds: number;
  imagePulled: boolean;
}

export interface PodRuntime {
  uid: string;
  namespace: string;
  name: string;
  nodeName: string;
  ip: string;
  hostIp: string;
  behaviour: Behaviour;
  initContainers: ContainerRuntime[];
  containers: ContainerRuntime[];
  initialized: boolean;
  terminating: boolean;
  startTime: number;
  timers: ScheduledAction[];
  conditionTimes: Map<string, { status: string; at: number }>;
  /** Time spent Ready so far, for request counters. */
  readyMs: number;
  readySince: number | undefined;
}

export function newContainerRuntime(spec: Container, init: boolean, waitingReason: string): ContainerRuntime {
  return {
    spec,
    init,
    state: 'waiting',
    waiting: { reason: waitingReason },
    instances: [],
    ready: false,
    started: false,
    listeningFrom: undefined,
    streaks: {
      readiness: { successes: 0, failures: 0 },
      liveness: { successes: 0, failures: 0 },
      startup: { successes: 0, failures: 0 },
    },
    timers: [],
    crashBackoffSeconds: 0,
    pullBackoffSeconds: 0,
    imagePulled: false,
  };
}

export function currentInstance(container: ContainerRuntime): ContainerInstance | undefined {
  return container.instances[container.instances.length - 1];
}

/** docker.io/library/nginx:1.25 for nginx:1.25, as the container runtime reports image names. */
export function normalizeImage(image: string | undefined): string {
  if (!image) return '';
  const withTag = /[:@][^/]*$/.test(image) ? image : `${image}:latest`;
  const first = withTag.split('/')[0]!;
  if (!withTag.includes('/')) return `docker.io/library/${withTag}`;
  if (!first.includes('.') && !first.includes(':') && first !== 'localhost') return `docker.io/${withTag}`;
  return withTag;
}

function terminatedState(instance: ContainerInstance): ContainerState {
  return {
    terminated: {
      exitCode: instance.exitCode ?? 0,
      reason: instance.reason ?? 'Completed',
      startedAt: formatTime(instance.startedAt),
      finishedAt: formatTime(instance.finishedAt ?? instance.startedAt),
      containerID: instance.id,
    },
  };
}

function containerStatusOf(container: ContainerRuntime, imageId: string): ContainerStatus {
  const current = currentInstance(container);
  const before = container.instances[container.instances.length - 2];
  let state: ContainerState;
  let lastState: ContainerState = {};
  if (container.state === 'running' && current) {
    state = { running: { startedAt: formatTime(current.startedAt) } };
    if (before) lastState = terminatedState(before);
  } else if (container.state === 'terminated' && current) {
    state = terminatedState(current);
    if (before) lastState = terminatedState(before);
  } else {
    state = {
      waiting: {
        reason: container.waiting.reason,
        ...(container.waiting.message ? { message: container.waiting.message } : {}),
      },
    };
    if (current?.finishedAt !== undefined) lastState = terminatedState(current);
  }
  return {
    name: container.spec.name,
    state,
    lastState,
    ready: container.ready,
    restartCount: Math.max(0, container.instances.length - 1),
    image: normalizeImage(container.spec.image),
    imageID: container.imagePulled ? imageId : '',
    ...(current && container.state !== 'waiting' ? { containerID: current.id } : {}),
    started: container.state === 'running' && container.started,
  };
}

/** The pod phase as the kubelet computes it (getPhase). */
function podPhaseOf(runtime: PodRuntime, restartPolicy: string): string {
  if (!runtime.initialized) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of runtime.containers) {
    if (c.state === 'running') running++;
    else if (c.state === 'terminated') {
      stopped++;
      if (currentInstance(c)?.exitCode === 0) succeeded++;
    } else if (currentInstance(c)?.finishedAt !== undefined) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(
  runtime: PodRuntime,
  type: string,
  ok: boolean,
  now: number,
  reason?: string,
  message?: string,
): Condition {
  const status = ok ? 'True' : 'False';
  const previous = runtime.conditionTimes.get(type);
  const at = previous && previous.status === status ? previous.at : now;
  runtime.conditionTimes.set(type, { status, at });
  return {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: formatTime(at),
    ...(!ok && reason ? { reason } : {}),
    ...(!ok && message ? { message } : {}),
  };
}

/** The status the kubelet reports for the pod; the PodScheduled condition is the scheduler's. */
export function podStatusOf(
  runtime: PodRuntime,
  pod: Pod,
  now: number,
  imageIdOf: (image: string) => string,
): PodStatus {
  const restartPolicy = pod.spec.restartPolicy ?? 'Always';
  const phase = podPhaseOf(runtime, restartPolicy);
  const unready = runtime.containers.filter((c) => !c.ready).map((c) => c.spec.name);
  const unfinishedInit = runtime.initContainers
    .filter((c) => c.state !== 'terminated' || currentInstance(c)?.exitCode !== 0)
    .map((c) => c.spec.name);
  const notReadyMessage = `containers with unready status: [${unready.join(' ')}]`;
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const conditions: Condition[] = [
    condition(runtime, 'PodReadyToStartContainers', !runtime.terminating, now),
    condition(
      runtime,
      'Initialized',
      runtime.initialized,
      now,
      'ContainersNotInitialized',
      `containers with incomplete status: [${unfinishedInit.join(' ')}]`,
    ),
    condition(runtime, 'Ready', unready.length === 0, now, 'ContainersNotReady', notReadyMessage),
    condition(runtime, 'ContainersReady', unready.length === 0, now, 'ContainersNotReady', notReadyMessage),
    ...(scheduled ? [scheduled] : []),
  ];
  const status: PodStatus = {
    phase,
    conditions,
    hostIP: runtime.hostIp,
    hostIPs: [{ ip: runtime.hostIp }],
    podIP: runtime.ip,
    podIPs: [{ ip: runtime.ip }],
    startTime: formatTime(runtime.startTime),
    ...(runtime.initContainers.length > 0
      ? {
          initContainerStatuses: runtime.initContainers.map((c) =>
            containerStatusOf(c, imageIdOf(c.spec.image ?? '')),
          ),
        }
      : {}),
    containerStatuses: runtime.containers.map((c) => containerStatusOf(c, imageIdOf(c.spec.image ?? ''))),
    qosClass: qosClassOf(pod),
  };
  return status;
}

function qosClassOf(pod: Pod): string {
  const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    if (Object.keys(requests).length > 0 || Object.keys(limits).length > 0) any = true;
    for (const resource of ['cpu', 'memory']) {
      if (
        limits[resource] === undefined ||
        String(requests[resource] ?? limits[resource]) !== String(limits[resource])
      ) {
        guaranteed = false;
      }
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
