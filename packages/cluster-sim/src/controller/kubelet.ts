/**
 * The simulated kubelet of every node: runs the pods bound to nodes through image pulls, init
 * containers, container starts, probes, exits, OOM kills and restarts with CrashLoopBackOff back-off,
 * records the kubelet's Events and reports pod status.
 */

import { quantityOf } from '@aiops/contracts';
import { resourceTypes } from '../api/resources';
import type { SimClock } from '../clock';
import { goDuration } from '../kube/time';
import type { Container, EnvFromSource, KubeObject, Pod, Probe } from '../kube/types';
import type { ObjectStore } from '../store/object-store';
import { behaviourOf } from './behaviour';
import type { EventRecorder } from './event-recorder';
import { canonicalJson, fnv32a, type Random, randomHex } from './names';
import {
  type ContainerInstance,
  type ContainerRuntime,
  currentInstance,
  type LogLine,
  newContainerRuntime,
  normalizeImage,
  type PodRuntime,
  podStatusOf,
} from './pod-runtime';
import { type ProbeKind, runProbe } from './probes';
import { type ListeningContainer, outgrowsLimitAt } from './simulated-app';

const MAX_BACKOFF_SECONDS = 300;
const INITIAL_BACKOFF_SECONDS = 10;
/** A container that ran this long before exiting starts its back-off afresh. */
const BACKOFF_RESET_MS = 2 * MAX_BACKOFF_SECONDS * 1000;
const LOG_LINES_KEPT = 2000;
const KUBE_PROBE_AGENT = 'kube-probe/1.31';
/** What the kernel log shows for a typical Burstable container. */
const OOM_SCORE_ADJ_BURSTABLE = 984;

const PROBE_NAMES: Record<ProbeKind, string> = {
  readiness: 'Readiness',
  liveness: 'Liveness',
  startup: 'Startup',
};

export class Kubelet {
  private readonly pods = new Map<string, PodRuntime>();
  private readonly images = new Map<string, Set<string>>();
  private readonly usedIps = new Map<string, Set<number>>();

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
    private readonly events: EventRecorder,
    private readonly random: Random,
  ) {}

  runtimes(): PodRuntime[] {
    return [...this.pods.values()];
  }

  runtimeOf(uid: string | undefined): PodRuntime | undefined {
    return uid ? this.pods.get(uid) : undefined;
  }

  /** What listens in a pod, for the pods/proxy subresource. */
  listening(runtime: PodRuntime): ListeningContainer[] {
    return runtime.containers.map((c) => ({
      ports: (c.spec.ports ?? []).map((p) => p.containerPort),
      listeningFrom: c.state === 'running' ? c.listeningFrom : undefined,
      behaviour: runtime.behaviour,
    }));
  }

  /** Starts pods newly bound to a node, stops pods being deleted, forgets pods that are gone. */
  sync(): void {
    const seen = new Set<string>();
    for (const pod of this.store.list(resourceTypes.pods) as Pod[]) {
      const uid = pod.metadata.uid ?? '';
      if (!pod.spec.nodeName) continue;
      seen.add(uid);
      let runtime = this.pods.get(uid);
      if (!runtime) {
        if (pod.metadata.deletionTimestamp) {
          this.store.delete(resourceTypes.pods, pod.metadata.namespace, pod.metadata.name ?? '');
          continue;
        }
        const phase = pod.status?.phase;
        if (phase === 'Succeeded' || phase === 'Failed') continue;
        runtime = this.admit(pod);
        if (!runtime) continue;
      }
      if (pod.metadata.deletionTimestamp && !runtime.terminating) this.terminatePod(runtime, pod);
    }
    for (const [uid, runtime] of this.pods) if (!seen.has(uid)) this.forget(runtime);
  }

  /** Forgets every pod and cached image (the cluster is being reset). */
  reset(): void {
    for (const runtime of [...this.pods.values()]) this.forget(runtime);
    this.images.clear();
  }

  private admit(pod: Pod): PodRuntime | undefined {
    const nodeName = pod.spec.nodeName ?? '';
    const node = this.store.get(resourceTypes.nodes, undefined, nodeName);
    if (!node) return undefined;
    const now = this.clock.now();
    const hasInit = (pod.spec.initContainers ?? []).length > 0;
    const runtime: PodRuntime = {
      uid: pod.metadata.uid ?? '',
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name ?? '',
      nodeName,
      ip: this.allocateIp(node),
      hostIp: hostIpOf(node),
      behaviour: behaviourOf(pod.metadata.annotations),
      initContainers: (pod.spec.initContainers ?? []).map((c) =>
        newContainerRuntime(c, true, 'PodInitializing'),
      ),
      containers: pod.spec.containers.map((c) =>
        newContainerRuntime(c, false, hasInit ? 'PodInitializing' : 'ContainerCreating'),
      ),
      initialized: !hasInit,
      terminating: false,
      startTime: now,
      timers: [],
      conditionTimes: new Map(),
      readyMs: 0,
      readySince: undefined,
    };
    this.pods.set(runtime.uid, runtime);
    runtime.timers.push(this.clock.after(1, () => this.startPod(runtime)));
    this.writeStatus(runtime);
    return runtime;
  }

  private startPod(runtime: PodRuntime): void {
    if (runtime.initContainers.length > 0) this.runInitContainer(runtime, 0);
    else this.startContainers(runtime);
  }

  /** Init containers run one after another and complete at once. */
  private runInitContainer(runtime: PodRuntime, index: number): void {
    const container = runtime.initContainers[index];
    if (!container) {
      runtime.initialized = true;
      this.writeStatus(runtime);
      this.startContainers(runtime);
      return;
    }
    this.ensureImage(runtime, container, () => {
      this.createAndStart(runtime, container);
      this.runInitContainer(runtime, index + 1);
    });
  }

  private startContainers(runtime: PodRuntime): void {
    for (const container of runtime.containers) {
      this.ensureImage(runtime, container, () => this.createAndStart(runtime, container));
    }
  }

  private ensureImage(runtime: PodRuntime, container: ContainerRuntime, then: () => void): void {
    const image = container.spec.image ?? '';
    const cached = this.nodeImages(runtime.nodeName);
    const policy = container.spec.imagePullPolicy ?? 'IfNotPresent';
    const missing = runtime.behaviour.imageMissing && !container.init;
    if (!missing && cached.has(image) && policy !== 'Always') {
      container.imagePulled = true;
      this.recordContainer(
        runtime,
        container,
        'Normal',
        'Pulled',
        `Container image "${image}" already present on machine`,
      );
      then();
      return;
    }
    this.recordContainer(runtime, container, 'Normal', 'Pulling', `Pulling image "${image}"`);
    const seconds = cached.has(image) ? 0.5 : pullSecondsOf(image);
    this.after(container, seconds, () => {
      if (missing) {
        this.pullFailed(runtime, container, then);
        return;
      }
      cached.add(image);
      container.imagePulled = true;
      container.pullBackoffSeconds = 0;
      const took = goDuration(seconds);
      this.recordContainer(
        runtime,
        container,
        'Normal',
        'Pulled',
        `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${imageSizeOf(image)} bytes.`,
      );
      then();
    });
  }

  private pullFailed(runtime: PodRuntime, container: ContainerRuntime, retry: () => void): void {
    const image = container.spec.image ?? '';
    const reference = normalizeImage(image);
    const error = `rpc error: code = NotFound desc = failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": ${reference}: not found`;
    this.recordContainer(
      runtime,
      container,
      'Warning',
      'Failed',
      `Failed to pull image "${image}": ${error}`,
    );
    this.recordContainer(runtime, container, 'Warning', 'Failed', 'Error: ErrImagePull');
    container.state = 'waiting';
    container.waiting = { reason: 'ErrImagePull', message: error };
    this.writeStatus(runtime);
    const backoff = nextBackoff(container.pullBackoffSeconds);
    container.pullBackoffSeconds = backoff;
    this.after(container, 1, () => {
      const message = `Back-off pulling image "${image}"`;
      container.waiting = { reason: 'ImagePullBackOff', message };
      this.recordContainer(runtime, container, 'Normal', 'BackOff', message);
      this.recordContainer(runtime, container, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      this.writeStatus(runtime);
    });
    this.after(container, backoff, () => this.ensureImage(runtime, container, retry));
  }

  private createAndStart(runtime: PodRuntime, container: ContainerRuntime): void {
    const now = this.clock.now();
    const name = container.spec.name;
    const instance: ContainerInstance = {
      id: `containerd://${randomHex(this.random, 64)}`,
      startedAt: now,
      logs: [],
    };
    const older = container.instances[container.instances.length - 2];
    if (older) older.logs = [];
    container.instances.push(instance);
    this.recordContainer(runtime, container, 'Normal', 'Created', `Created container: ${name}`);
    this.recordContainer(runtime, container, 'Normal', 'Started', `Started container ${name}`);
    if (container.init) {
      instance.finishedAt = now;
      instance.exitCode = 0;
      instance.reason = 'Completed';
      container.state = 'terminated';
      this.writeStatus(runtime);
      return;
    }
    const behaviour = runtime.behaviour;
    container.state = 'running';
    container.started = !container.spec.startupProbe;
    container.ready = false;
    resetStreaks(container);
    const tag = (container.spec.image ?? '').split(':').pop();
    log(instance, now, `Starting ${name} ${tag ?? ''}`.trim());

    const missingEnv = behaviour.requiresEnv.find(
      (variable) => !this.envNamesOf(runtime, container.spec).has(variable),
    );
    const exits: { at: number; run: () => void }[] = [];
    if (missingEnv) {
      exits.push({
        at: now + 100,
        run: () =>
          this.exit(runtime, container, 1, 'Error', `missing required environment variable ${missingEnv}`),
      });
    } else if (behaviour.exitCode !== undefined) {
      const code = behaviour.exitCode;
      exits.push({
        at: now + behaviour.exitAfterSeconds * 1000,
        run: () =>
          this.exit(
            runtime,
            container,
            code,
            code === 0 ? 'Completed' : 'Error',
            behaviour.exitLog || undefined,
          ),
      });
    }
    const limit = quantityOf(container.spec.resources?.limits, 'memory') || undefined;
    const oomAt = outgrowsLimitAt(behaviour, limit, now);
    if (oomAt !== undefined) exits.push({ at: oomAt, run: () => this.oomKill(runtime, container) });
    exits.sort((a, b) => a.at - b.at);
    const firstExit = exits[0];
    if (firstExit) container.timers.push(this.clock.schedule(firstExit.at, firstExit.run));

    if (!missingEnv) {
      container.listeningFrom = now + behaviour.startupSeconds * 1000;
      const ports = (container.spec.ports ?? []).map((p) => `:${p.containerPort}`).join(', ');
      if (ports && (!firstExit || firstExit.at > container.listeningFrom)) {
        container.timers.push(
          this.clock.schedule(container.listeningFrom, () =>
            log(instance, this.clock.now(), `Listening on ${ports}`),
          ),
        );
      }
    }
    if (container.spec.startupProbe)
      this.scheduleProbe(runtime, container, 'startup', container.spec.startupProbe);
    else this.startReadinessAndLiveness(runtime, container);
    this.writeStatus(runtime);
  }

  private startReadinessAndLiveness(runtime: PodRuntime, container: ContainerRuntime): void {
    const { readinessProbe, livenessProbe } = container.spec;
    if (readinessProbe) this.scheduleProbe(runtime, container, 'readiness', readinessProbe);
    else container.ready = true;
    if (livenessProbe) this.scheduleProbe(runtime, container, 'liveness', livenessProbe);
  }

  private scheduleProbe(
    runtime: PodRuntime,
    container: ContainerRuntime,
    kind: ProbeKind,
    probe: Probe,
  ): void {
    const instance = currentInstance(container);
    if (!instance) return;
    const first = Math.max(this.clock.now(), instance.startedAt + (probe.initialDelaySeconds ?? 0) * 1000);
    container.timers.push(
      this.clock.schedule(first, () => this.probe(runtime, container, kind, probe, instance)),
    );
  }

  private probe(
    runtime: PodRuntime,
    container: ContainerRuntime,
    kind: ProbeKind,
    probe: Probe,
    instance: ContainerInstance,
  ): void {
    if (container.state !== 'running' || currentInstance(container) !== instance || runtime.terminating)
      return;
    const now = this.clock.now();
    const result = runProbe(probe, container.spec, runtime.ip, this.listening(runtime), now);
    if (result.access) {
      const bytes = result.access.status === 200 ? 3 : 19;
      log(
        instance,
        now,
        `${gatewayOf(runtime.ip)} - - [${nginxTime(now)}] "GET ${result.access.path} HTTP/1.1" ${result.access.status} ${bytes} "-" "${KUBE_PROBE_AGENT}"`,
      );
    }
    const streak = container.streaks[kind];
    if (result.ok) {
      streak.successes++;
      streak.failures = 0;
    } else {
      streak.failures++;
      streak.successes = 0;
      const verb = result.errored ? 'errored' : 'failed';
      this.recordContainer(
        runtime,
        container,
        'Warning',
        'Unhealthy',
        `${PROBE_NAMES[kind]} probe ${verb}: ${result.output}`,
      );
    }
    const next = () =>
      container.timers.push(
        this.clock.after(probe.periodSeconds ?? 10, () =>
          this.probe(runtime, container, kind, probe, instance),
        ),
      );
    switch (kind) {
      case 'startup':
        if (result.ok) {
          container.started = true;
          this.startReadinessAndLiveness(runtime, container);
          this.writeStatus(runtime);
        } else if (streak.failures >= (probe.failureThreshold ?? 3)) {
          this.kill(runtime, container, kind);
        } else next();
        return;
      case 'readiness': {
        const wasReady = container.ready;
        if (result.ok && streak.successes >= (probe.successThreshold ?? 1)) container.ready = true;
        if (!result.ok && streak.failures >= (probe.failureThreshold ?? 3)) container.ready = false;
        if (wasReady !== container.ready) this.writeStatus(runtime);
        next();
        return;
      }
      case 'liveness':
        if (!result.ok && streak.failures >= (probe.failureThreshold ?? 3))
          this.kill(runtime, container, kind);
        else next();
        return;
    }
  }

  private kill(runtime: PodRuntime, container: ContainerRuntime, kind: ProbeKind): void {
    const name = container.spec.name;
    this.recordContainer(
      runtime,
      container,
      'Normal',
      'Killing',
      `Container ${name} failed ${kind} probe, will be restarted`,
    );
    this.exit(runtime, container, 143, 'Error', 'Received SIGTERM, shutting down');
  }

  private oomKill(runtime: PodRuntime, container: ContainerRuntime): void {
    const node = this.store.get(resourceTypes.nodes, undefined, runtime.nodeName);
    const limitKb = Math.round(quantityOf(container.spec.resources?.limits, 'memory') / 1024);
    const pid = 1000 + Math.floor(this.random() * 30000);
    if (node) {
      this.events.record(
        node,
        'Warning',
        'OOMKilling',
        `Memory cgroup out of memory: Killed process ${pid} (${container.spec.name}) total-vm:${limitKb * 2}kB, anon-rss:${limitKb}kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:${Math.max(4, Math.round(limitKb / 512))}kB oom_score_adj:${OOM_SCORE_ADJ_BURSTABLE}`,
        { component: 'kernel-monitor', host: runtime.nodeName },
      );
    }
    this.exit(runtime, container, 137, 'OOMKilled');
  }

  private exit(
    runtime: PodRuntime,
    container: ContainerRuntime,
    exitCode: number,
    reason: string,
    lastLine?: string,
  ): void {
    const instance = currentInstance(container);
    if (!instance || container.state !== 'running') return;
    const now = this.clock.now();
    if (lastLine) log(instance, now, lastLine);
    instance.finishedAt = now;
    instance.exitCode = exitCode;
    instance.reason = reason;
    this.stopContainer(container);
    this.writeStatus(runtime);
    if (runtime.terminating) return;
    const pod = this.podOf(runtime);
    const policy = pod?.spec.restartPolicy ?? 'Always';
    if (policy === 'Never' || (policy === 'OnFailure' && exitCode === 0)) return;
    if (now - instance.startedAt >= BACKOFF_RESET_MS) container.crashBackoffSeconds = 0;
    const restart = () => this.ensureImage(runtime, container, () => this.createAndStart(runtime, container));
    if (container.crashBackoffSeconds === 0) {
      container.crashBackoffSeconds = INITIAL_BACKOFF_SECONDS;
      this.after(container, 1, restart);
      return;
    }
    const delay = container.crashBackoffSeconds;
    container.crashBackoffSeconds = nextBackoff(delay);
    const podName = `${runtime.name}_${runtime.namespace}(${runtime.uid})`;
    this.after(container, Math.min(1, delay), () => {
      container.state = 'waiting';
      container.waiting = {
        reason: 'CrashLoopBackOff',
        message: `back-off ${goDuration(delay)} restarting failed container=${container.spec.name} pod=${podName}`,
      };
      this.recordContainer(
        runtime,
        container,
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${container.spec.name} in pod ${podName}`,
      );
      this.writeStatus(runtime);
    });
    this.after(container, delay, restart);
  }

  private stopContainer(container: ContainerRuntime): void {
    for (const timer of container.timers) timer.cancel();
    container.timers = [];
    container.state = 'terminated';
    container.ready = false;
    container.started = false;
    container.listeningFrom = undefined;
  }

  /** Graceful deletion: the containers get SIGTERM, exit, and the pod object goes away. */
  private terminatePod(runtime: PodRuntime, pod: Pod): void {
    runtime.terminating = true;
    for (const timer of runtime.timers) timer.cancel();
    const now = this.clock.now();
    for (const container of runtime.containers) {
      const instance = currentInstance(container);
      if (container.state === 'running' && instance) {
        this.recordContainer(
          runtime,
          container,
          'Normal',
          'Killing',
          `Stopping container ${container.spec.name}`,
        );
        log(instance, now, 'Received SIGTERM, shutting down');
        instance.finishedAt = now;
        instance.exitCode = 0;
        instance.reason = 'Completed';
      }
      this.stopContainer(container);
      if (!instance) container.state = 'waiting';
    }
    this.writeStatus(runtime);
    const grace = Math.min(1, pod.metadata.deletionGracePeriodSeconds ?? 1);
    runtime.timers.push(
      this.clock.after(grace, () => {
        this.store.delete(resourceTypes.pods, runtime.namespace, runtime.name);
        this.forget(runtime);
      }),
    );
  }

  private forget(runtime: PodRuntime): void {
    for (const timer of runtime.timers) timer.cancel();
    for (const container of [...runtime.initContainers, ...runtime.containers]) {
      for (const timer of container.timers) timer.cancel();
    }
    const host = Number(runtime.ip.split('.').pop());
    this.usedIps.get(runtime.nodeName)?.delete(host);
    this.pods.delete(runtime.uid);
  }

  private writeStatus(runtime: PodRuntime): void {
    const pod = this.podOf(runtime);
    if (!pod) return;
    const now = this.clock.now();
    const status = podStatusOf(runtime, pod, now, imageIdOf);
    const ready = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    if (ready && runtime.readySince === undefined) runtime.readySince = now;
    if (!ready && runtime.readySince !== undefined) {
      runtime.readyMs += now - runtime.readySince;
      runtime.readySince = undefined;
    }
    if (canonicalJson(status) === canonicalJson(pod.status)) return;
    this.store.update(resourceTypes.pods, { ...pod, status });
  }

  private podOf(runtime: PodRuntime): Pod | undefined {
    const pod = this.store.get(resourceTypes.pods, runtime.namespace, runtime.name) as Pod | undefined;
    return pod && pod.metadata.uid === runtime.uid ? pod : undefined;
  }

  private recordContainer(
    runtime: PodRuntime,
    container: ContainerRuntime,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    const pod = this.podOf(runtime);
    if (!pod) return;
    const fieldPath = `spec.${container.init ? 'initContainers' : 'containers'}{${container.spec.name}}`;
    this.events.record(
      pod,
      type,
      reason,
      message,
      { component: 'kubelet', host: runtime.nodeName },
      fieldPath,
    );
  }

  private after(container: ContainerRuntime, seconds: number, action: () => void): void {
    container.timers.push(this.clock.after(seconds, action));
  }

  private envNamesOf(runtime: PodRuntime, container: Container): Set<string> {
    const names = new Set((container.env ?? []).map((e) => e.name));
    for (const source of container.envFrom ?? []) {
      for (const key of this.keysOf(runtime.namespace, source)) names.add(`${source.prefix ?? ''}${key}`);
    }
    return names;
  }

  private keysOf(namespace: string, source: EnvFromSource): string[] {
    if (!source.configMapRef) return [];
    const configMap = this.store.get(resourceTypes.configmaps, namespace, source.configMapRef.name);
    const data = configMap?.data;
    return data && typeof data === 'object' ? Object.keys(data) : [];
  }

  private nodeImages(nodeName: string): Set<string> {
    let images = this.images.get(nodeName);
    if (!images) {
      images = new Set();
      this.images.set(nodeName, images);
    }
    return images;
  }

  private allocateIp(node: KubeObject): string {
    const cidr = String((node.spec as { podCIDR?: string } | undefined)?.podCIDR ?? '10.244.0.0/24');
    const prefix = cidr.split('/')[0]!.split('.').slice(0, 3).join('.');
    const name = node.metadata.name ?? '';
    let used = this.usedIps.get(name);
    if (!used) {
      used = new Set();
      this.usedIps.set(name, used);
    }
    for (let host = 2; host < 255; host++) {
      if (!used.has(host)) {
        used.add(host);
        return `${prefix}.${host}`;
      }
    }
    return `${prefix}.254`;
  }
}

function resetStreaks(container: ContainerRuntime): void {
  for (const streak of Object.values(container.streaks)) {
    streak.successes = 0;
    streak.failures = 0;
  }
}

function nextBackoff(current: number): number {
  return current === 0 ? INITIAL_BACKOFF_SECONDS : Math.min(current * 2, MAX_BACKOFF_SECONDS);
}

function log(instance: ContainerInstance, at: number, text: string): void {
  instance.logs.push({ at, text } satisfies LogLine);
  if (instance.logs.length > LOG_LINES_KEPT) instance.logs.splice(0, instance.logs.length - LOG_LINES_KEPT);
}

function hostIpOf(node: KubeObject): string {
  const addresses = (node.status as { addresses?: { type: string; address: string }[] } | undefined)
    ?.addresses;
  return addresses?.find((a) => a.type === 'InternalIP')?.address ?? '192.168.49.2';
}

function gatewayOf(ip: string): string {
  return `${ip.split('.').slice(0, 3).join('.')}.1`;
}

function pullSecondsOf(image: string): number {
  return 1 + (fnv32a(image) % 30) / 10;
}

function imageSizeOf(image: string): number {
  return 20_000_000 + (fnv32a(`size:${image}`) % 130_000_000);
}

function imageIdOf(image: string): string {
  const digest = Array.from({ length: 8 }, (_, i) =>
    fnv32a(`${i}:${image}`).toString(16).padStart(8, '0'),
  ).join('');
  const repository = normalizeImage(image).replace(/[:@][^/]*$/, '');
  return `${repository}@sha256:${digest}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function nginxTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}
