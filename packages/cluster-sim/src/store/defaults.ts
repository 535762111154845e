/** API defaulting: the fields the API server fills in on create and update, as a real cluster shows them. */
import type { Container, Deployment, KubeObject, PodSpec, Probe, ReplicaSet } from '../kube/types';
import { isRecord } from '../kube/types';

function defaultProbe(probe: Probe | undefined): void {
  if (!probe) return;
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  probe.initialDelaySeconds ??= 0;
  if (probe.httpGet) {
    probe.httpGet.scheme ??= 'HTTP';
    probe.httpGet.path ||= '/';
  }
}

/** imagePullPolicy defaults to Always for `:latest` or untagged images, IfNotPresent otherwise. */
function defaultPullPolicy(image: string | undefined): string {
  if (!image) return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(container: Container): void {
  container.imagePullPolicy ??= defaultPullPolicy(container.image);
  container.terminationMessagePath ??= '/dev/termination-log';
  container.terminationMessagePolicy ??= 'File';
  container.resources ??= {};
  const { limits } = container.resources;
  if (limits) {
    const requests = { ...(container.resources.requests ?? {}) };
    for (const [name, value] of Object.entries(limits)) requests[name] ??= value;
    container.resources.requests = requests;
  }
  for (const port of container.ports ?? []) port.protocol ??= 'TCP';
  defaultProbe(container.readinessProbe);
  defaultProbe(container.livenessProbe);
  defaultProbe(container.startupProbe);
}

function defaultPodSpec(spec: PodSpec | undefined): void {
  if (!spec) return;
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  for (const container of spec.containers ?? []) defaultContainer(container);
  for (const container of spec.initContainers ?? []) defaultContainer(container);
}

function defaultDeployment(deployment: Deployment): void {
  const spec = deployment.spec;
  if (!isRecord(spec)) return;
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.strategy ??= {};
  spec.strategy.type ??= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
  }
  defaultPodSpec(spec.template?.spec);
}

function defaultReplicaSet(replicaSet: ReplicaSet): void {
  if (!isRecord(replicaSet.spec)) return;
  replicaSet.spec.replicas ??= 1;
  defaultPodSpec(replicaSet.spec.template?.spec);
}

/** Fills in defaults in place on an object about to be stored. */
export function applyDefaults(object: KubeObject): void {
  switch (object.kind) {
    case 'Pod': {
      const spec = object.spec as PodSpec | undefined;
      defaultPodSpec(spec);
      if (spec) {
        spec.serviceAccountName ??= 'default';
        spec.serviceAccount ??= spec.serviceAccountName;
        spec.enableServiceLinks ??= true;
        spec.priority ??= 0;
        spec.preemptionPolicy ??= 'PreemptLowerPriority';
        spec.tolerations ??= [
          {
            key: 'node.kubernetes.io/not-ready',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 300,
          },
          {
            key: 'node.kubernetes.io/unreachable',
            operator: 'Exists',
            effect: 'NoExecute',
            tolerationSeconds: 300,
          },
        ];
      }
      break;
    }
    case 'Deployment':
      defaultDeployment(object as Deployment);
      break;
    case 'ReplicaSet':
      defaultReplicaSet(object as ReplicaSet);
      break;
    case 'Service': {
      const spec = isRecord(object.spec) ? object.spec : {};
      object.spec = spec;
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      spec.internalTrafficPolicy ??= 'Cluster';
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
      if (Array.isArray(spec.ports)) {
        for (const port of spec.ports) {
          if (!isRecord(port)) continue;
          port.protocol ??= 'TCP';
          port.targetPort ??= port.port ?? null;
        }
      }
      break;
    }
    case 'Namespace': {
      object.metadata.labels = {
        ...object.metadata.labels,
        'kubernetes.io/metadata.name': object.metadata.name ?? '',
      };
      object.spec = { finalizers: ['kubernetes'] };
      object.status = { phase: 'Active' };
      break;
    }
  }
}

export const NODE_VERSION = 'v1.31.4';

/** What a registered kubelet reports for its node; manifests may give capacity/allocatable and labels. */
export function defaultNode(node: KubeObject, index: number, nowIso: string): void {
  const name = node.metadata.name ?? '';
  node.metadata.labels = {
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    ...node.metadata.labels,
  };
  const spec = isRecord(node.spec) ? node.spec : {};
  spec.podCIDR ??= `10.244.${index}.0/24`;
  spec.podCIDRs ??= [spec.podCIDR];
  node.spec = spec;
  const status = isRecord(node.status) ? node.status : {};
  const capacity = {
    cpu: '4',
    memory: '8Gi',
    pods: '110',
    'ephemeral-storage': '100Gi',
    ...(isRecord(status.capacity) ? status.capacity : {}),
  };
  status.capacity = capacity;
  status.allocatable = { ...capacity, ...(isRecord(status.allocatable) ? status.allocatable : {}) };
  status.conditions ??= [
    ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
    ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
    ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
    ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
  ].map(([type, value, reason, message]) => ({
    type,
    status: value,
    reason,
    message,
    lastHeartbeatTime: nowIso,
    lastTransitionTime: nowIso,
  }));
  status.addresses ??= [
    { type: 'InternalIP', address: `192.168.49.${index + 2}` },
    { type: 'Hostname', address: name },
  ];
  status.nodeInfo ??= {
    architecture: 'amd64',
    operatingSystem: 'linux',
    osImage: 'Simulated Linux',
    kernelVersion: '6.1.0-sim',
    containerRuntimeVersion: 'containerd://1.7.24',
    kubeletVersion: NODE_VERSION,
    kubeProxyVersion: NODE_VERSION,
    machineID: '',
    systemUUID: '',
    bootID: '',
  };
  status.daemonEndpoints ??= { kubeletEndpoint: { Port: 10250 } };
  node.status = status;
}
