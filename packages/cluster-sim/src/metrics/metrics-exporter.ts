/**
 * /metrics: kube-state-metrics and cAdvisor style series for the simulated cluster, and the request
 * metrics its serving pods would export, all computed from simulated time and the containers'
 * behaviour annotations (with a little seeded noise).
 */

import { tryParseQuantity } from '@aiops/contracts';
import { resourceTypes } from '../api/resources';
import type { Kubelet } from '../controller/kubelet';
import { fnv32a } from '../controller/names';
import { currentInstance, normalizeImage, type PodRuntime } from '../controller/pod-runtime';
import { workingSetAt } from '../controller/simulated-app';
import type { Condition, Container, Deployment, Node, Pod } from '../kube/types';
import type { ObjectStore } from '../store/object-store';
import { type Labels, MetricsText } from './prometheus-text';

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Spread of request latencies around the app's response time (log-normal sigma). */
const LATENCY_SIGMA = 0.5;

/** Deterministic noise in [-1, 1] for a series, constant over 15-second windows. */
function noise(seed: number, key: string, now: number): number {
  return (fnv32a(`${seed}:${key}:${Math.floor(now / 15_000)}`) / 0xffffffff) * 2 - 1;
}

/** A counter that grows at `rate` per second with a gentle wobble, never decreasing. */
function wobblyCounter(rate: number, seconds: number, phase: number): number {
  const period = 60;
  const wobble =
    ((0.05 * period) / (2 * Math.PI)) *
    (Math.sin((2 * Math.PI * seconds) / period + phase) - Math.sin(phase));
  return Math.max(0, rate * (seconds + wobble));
}

function unitOf(resource: string): string {
  if (resource === 'cpu') return 'core';
  if (resource === 'memory' || resource === 'ephemeral-storage') return 'byte';
  return 'integer';
}

function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

function conditionStatus(conditions: Condition[] | undefined, type: string): string {
  return conditions?.find((c) => c.type === type)?.status ?? 'Unknown';
}

export class MetricsExporter {
  constructor(
    private readonly store: ObjectStore,
    private readonly kubelet: Kubelet,
    private readonly seed: number,
  ) {}

  render(now: number): string {
    const text = new MetricsText();
    const pods = this.store.list(resourceTypes.pods) as Pod[];
    this.podMetrics(text, pods);
    this.deploymentMetrics(text);
    this.nodeMetrics(text);
    this.containerMetrics(text, pods, now);
    this.requestMetrics(text, pods, now);
    return text.toString();
  }

  private podMetrics(text: MetricsText, pods: Pod[]): void {
    text.family('kube_pod_info', 'gauge', 'Information about pod.');
    text.family('kube_pod_owner', 'gauge', "Information about the Pod's owner.");
    text.family('kube_pod_status_phase', 'gauge', 'The pods current phase.');
    text.family('kube_pod_status_ready', 'gauge', 'Describes whether the pod is ready to serve requests.');
    text.family(
      'kube_pod_status_scheduled',
      'gauge',
      'Describes the status of the scheduling process for the pod.',
    );
    text.family(
      'kube_pod_container_status_restarts_total',
      'counter',
      'The number of container restarts per container.',
    );
    text.family(
      'kube_pod_container_status_ready',
      'gauge',
      'Describes whether the containers readiness check succeeded.',
    );
    text.family(
      'kube_pod_container_status_running',
      'gauge',
      'Describes whether the container is currently in running state.',
    );
    text.family(
      'kube_pod_container_status_waiting',
      'gauge',
      'Describes whether the container is currently in waiting state.',
    );
    text.family(
      'kube_pod_container_status_waiting_reason',
      'gauge',
      'Describes the reason the container is currently in waiting state.',
    );
    text.family(
      'kube_pod_container_status_terminated_reason',
      'gauge',
      'Describes the reason the container is currently in terminated state.',
    );
    text.family(
      'kube_pod_container_status_last_terminated_reason',
      'gauge',
      'Describes the last reason the container was in terminated state.',
    );
    text.family(
      'kube_pod_container_status_last_terminated_exitcode',
      'gauge',
      'Describes the exit code for the last container in terminated state.',
    );
    text.family(
      'kube_pod_container_resource_requests',
      'gauge',
      'The number of requested request resource by a container.',
    );
    text.family(
      'kube_pod_container_resource_limits',
      'gauge',
      'The number of requested limit resource by a container.',
    );
    for (const pod of pods) {
      const base: Labels = {
        namespace: pod.metadata.namespace ?? '',
        pod: pod.metadata.name ?? '',
        uid: pod.metadata.uid ?? '',
      };
      const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
      text.sample(
        'kube_pod_info',
        'kube_pod_info',
        {
          ...base,
          host_ip: pod.status?.hostIP ?? '',
          pod_ip: pod.status?.podIP ?? '',
          node: pod.spec.nodeName ?? '',
          created_by_kind: owner?.kind ?? '<none>',
          created_by_name: owner?.name ?? '<none>',
        },
        1,
      );
      text.sample(
        'kube_pod_owner',
        'kube_pod_owner',
        {
          ...base,
          owner_kind: owner?.kind ?? '<none>',
          owner_name: owner?.name ?? '<none>',
          owner_is_controller: owner ? 'true' : '<none>',
        },
        1,
      );
      const phase = pod.status?.phase ?? 'Pending';
      for (const p of PHASES)
        text.sample(
          'kube_pod_status_phase',
          'kube_pod_status_phase',
          { ...base, phase: p },
          p === phase ? 1 : 0,
        );
      const ready = conditionStatus(pod.status?.conditions, 'Ready').toLowerCase();
      const scheduled = conditionStatus(pod.status?.conditions, 'PodScheduled').toLowerCase();
      for (const c of ['true', 'false', 'unknown']) {
        text.sample(
          'kube_pod_status_ready',
          'kube_pod_status_ready',
          { ...base, condition: c },
          c === ready ? 1 : 0,
        );
        text.sample(
          'kube_pod_status_scheduled',
          'kube_pod_status_scheduled',
          { ...base, condition: c },
          c === scheduled ? 1 : 0,
        );
      }
      for (const status of pod.status?.containerStatuses ?? []) {
        const labels = { ...base, container: status.name };
        text.sample(
          'kube_pod_container_status_restarts_total',
          'kube_pod_container_status_restarts_total',
          labels,
          status.restartCount,
        );
        text.sample(
          'kube_pod_container_status_ready',
          'kube_pod_container_status_ready',
          labels,
          status.ready ? 1 : 0,
        );
        text.sample(
          'kube_pod_container_status_running',
          'kube_pod_container_status_running',
          labels,
          status.state.running ? 1 : 0,
        );
        text.sample(
          'kube_pod_container_status_waiting',
          'kube_pod_container_status_waiting',
          labels,
          status.state.waiting ? 1 : 0,
        );
        if (status.state.waiting?.reason) {
          text.sample(
            'kube_pod_container_status_waiting_reason',
            'kube_pod_container_status_waiting_reason',
            { ...labels, reason: status.state.waiting.reason },
            1,
          );
        }
        if (status.state.terminated?.reason) {
          text.sample(
            'kube_pod_container_status_terminated_reason',
            'kube_pod_container_status_terminated_reason',
            { ...labels, reason: status.state.terminated.reason },
            1,
          );
        }
        const last = status.lastState.terminated;
        if (last) {
          text.sample(
            'kube_pod_container_status_last_terminated_reason',
            'kube_pod_container_status_last_terminated_reason',
            { ...labels, reason: last.reason ?? 'Error' },
            1,
          );
          text.sample(
            'kube_pod_container_status_last_terminated_exitcode',
            'kube_pod_container_status_last_terminated_exitcode',
            labels,
            last.exitCode,
          );
        }
      }
      for (const container of pod.spec.containers) {
        this.resourceSamples(
          text,
          'kube_pod_container_resource_requests',
          base,
          pod,
          container,
          container.resources?.requests,
        );
        this.resourceSamples(
          text,
          'kube_pod_container_resource_limits',
          base,
          pod,
          container,
          container.resources?.limits,
        );
      }
    }
  }

  private resourceSamples(
    text: MetricsText,
    family: string,
    base: Labels,
    pod: Pod,
    container: Container,
    values: Record<string, string | number> | undefined,
  ): void {
    for (const [resource, value] of Object.entries(values ?? {})) {
      const amount = tryParseQuantity(value);
      if (amount === undefined) continue;
      text.sample(
        family,
        family,
        {
          ...base,
          container: container.name,
          node: pod.spec.nodeName ?? '',
          resource: resource.replace(/[./]/g, '_'),
          unit: unitOf(resource),
        },
        amount,
      );
    }
  }

  private deploymentMetrics(text: MetricsText): void {
    const families: [string, string, (d: Deployment) => number][] = [
      [
        'kube_deployment_spec_replicas',
        'Number of desired pods for a deployment.',
        (d) => d.spec.replicas ?? 1,
      ],
      [
        'kube_deployment_status_replicas',
        'The number of replicas per deployment.',
        (d) => d.status?.replicas ?? 0,
      ],
      [
        'kube_deployment_status_replicas_ready',
        'The number of ready replicas per deployment.',
        (d) => d.status?.readyReplicas ?? 0,
      ],
      [
        'kube_deployment_status_replicas_available',
        'The number of available replicas per deployment.',
        (d) => d.status?.availableReplicas ?? 0,
      ],
      [
        'kube_deployment_status_replicas_unavailable',
        'The number of unavailable replicas per deployment.',
        (d) => d.status?.unavailableReplicas ?? 0,
      ],
      [
        'kube_deployment_status_replicas_updated',
        'The number of updated replicas per deployment.',
        (d) => d.status?.updatedReplicas ?? 0,
      ],
      [
        'kube_deployment_metadata_generation',
        'Sequence number representing a specific generation of the desired state.',
        (d) => d.metadata.generation ?? 1,
      ],
      [
        'kube_deployment_status_observed_generation',
        'The generation observed by the deployment controller.',
        (d) => d.status?.observedGeneration ?? 0,
      ],
    ];
    const deployments = this.store.list(resourceTypes.deployments) as Deployment[];
    for (const [name, help] of families) text.family(name, 'gauge', help);
    text.family(
      'kube_deployment_status_condition',
      'gauge',
      'The current status conditions of a deployment.',
    );
    for (const d of deployments) {
      const labels = { namespace: d.metadata.namespace ?? '', deployment: d.metadata.name ?? '' };
      for (const [name, , value] of families) text.sample(name, name, labels, value(d));
      for (const condition of d.status?.conditions ?? []) {
        for (const status of ['true', 'false', 'unknown']) {
          text.sample(
            'kube_deployment_status_condition',
            'kube_deployment_status_condition',
            {
              ...labels,
              condition: condition.type,
              status,
            },
            condition.status.toLowerCase() === status ? 1 : 0,
          );
        }
      }
    }
  }

  private nodeMetrics(text: MetricsText): void {
    text.family(
      'kube_node_status_allocatable',
      'gauge',
      'The allocatable for different resources of a node that are available for scheduling.',
    );
    text.family('kube_node_status_capacity', 'gauge', 'The capacity for different resources of a node.');
    for (const node of this.store.list(resourceTypes.nodes) as Node[]) {
      for (const [family, values] of [
        ['kube_node_status_allocatable', node.status?.allocatable],
        ['kube_node_status_capacity', node.status?.capacity],
      ] as const) {
        for (const [resource, value] of Object.entries(values ?? {})) {
          const amount = tryParseQuantity(value);
          if (amount === undefined) continue;
          text.sample(
            family,
            family,
            {
              node: node.metadata.name ?? '',
              resource: resource.replace(/[./]/g, '_'),
              unit: unitOf(resource),
            },
            amount,
          );
        }
      }
    }
  }

  private containerMetrics(text: MetricsText, pods: Pod[], now: number): void {
    text.family('container_cpu_usage_seconds_total', 'counter', 'Cumulative cpu time consumed in seconds.');
    text.family('container_memory_working_set_bytes', 'gauge', 'Current working set in bytes.');
    text.family('container_spec_memory_limit_bytes', 'gauge', 'Memory limit for the container.');
    for (const pod of pods) {
      const runtime = this.kubelet.runtimeOf(pod.metadata.uid);
      if (!runtime) continue;
      for (const container of runtime.containers) {
        const instance = currentInstance(container);
        if (container.state !== 'running' || !instance) continue;
        const labels: Labels = {
          namespace: runtime.namespace,
          pod: runtime.name,
          container: container.spec.name,
          image: normalizeImage(container.spec.image),
          id: `/kubepods/pod${runtime.uid}/${instance.id.replace('containerd://', '')}`,
        };
        const seconds = (now - instance.startedAt) / 1000;
        const phase = (fnv32a(instance.id) / 0xffffffff) * 2 * Math.PI;
        text.sample(
          'container_cpu_usage_seconds_total',
          'container_cpu_usage_seconds_total',
          labels,
          wobblyCounter(runtime.behaviour.cpuCores, seconds, phase),
        );
        const workingSet =
          workingSetAt(runtime.behaviour, instance.startedAt, now) *
          (1 + 0.03 * noise(this.seed, instance.id, now));
        text.sample(
          'container_memory_working_set_bytes',
          'container_memory_working_set_bytes',
          labels,
          Math.round(workingSet),
        );
        const limit = tryParseQuantity(container.spec.resources?.limits?.memory);
        text.sample(
          'container_spec_memory_limit_bytes',
          'container_spec_memory_limit_bytes',
          labels,
          limit ?? 0,
        );
      }
    }
  }

  private requestMetrics(text: MetricsText, pods: Pod[], now: number): void {
    text.family('http_requests_total', 'counter', 'HTTP requests served by the pod, by status code.');
    text.family('http_request_duration_seconds', 'histogram', 'HTTP request latency of the pod.');
    for (const pod of pods) {
      const runtime = this.kubelet.runtimeOf(pod.metadata.uid);
      if (!runtime || !this.serves(runtime)) continue;
      const readySeconds =
        (runtime.readyMs + (runtime.readySince !== undefined ? now - runtime.readySince : 0)) / 1000;
      if (readySeconds <= 0 && runtime.readyMs === 0) continue;
      const behaviour = runtime.behaviour;
      const phase = (fnv32a(`${this.seed}:${runtime.uid}`) / 0xffffffff) * 2 * Math.PI;
      const total = Math.floor(wobblyCounter(behaviour.requestRate, readySeconds, phase));
      const errors = Math.floor(total * behaviour.errorRatio);
      const base = { namespace: runtime.namespace, pod: runtime.name };
      text.sample('http_requests_total', 'http_requests_total', { ...base, code: '200' }, total - errors);
      if (behaviour.errorRatio > 0)
        text.sample('http_requests_total', 'http_requests_total', { ...base, code: '500' }, errors);
      const median = Math.max(behaviour.responseMs, 0.1) / 1000;
      for (const le of LATENCY_BUCKETS) {
        const cdf = 0.5 * (1 + erf(Math.log(le / median) / (LATENCY_SIGMA * Math.SQRT2)));
        text.sample(
          'http_request_duration_seconds',
          'http_request_duration_seconds_bucket',
          { ...base, le: String(le) },
          Math.floor(total * cdf),
        );
      }
      text.sample(
        'http_request_duration_seconds',
        'http_request_duration_seconds_bucket',
        { ...base, le: '+Inf' },
        total,
      );
      text.sample(
        'http_request_duration_seconds',
        'http_request_duration_seconds_sum',
        base,
        total * median * Math.exp((LATENCY_SIGMA * LATENCY_SIGMA) / 2),
      );
      text.sample('http_request_duration_seconds', 'http_request_duration_seconds_count', base, total);
    }
  }

  /** A serving pod: one of its containers declares a port. */
  private serves(runtime: PodRuntime): boolean {
    return runtime.containers.some((c) => (c.spec.ports ?? []).length > 0);
  }
}
