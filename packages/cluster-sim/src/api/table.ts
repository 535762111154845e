/** Server-side printing: the `Table` that `kubectl get` asks for, with the columns a real API server prints. */
import { humanDuration, parseTime } from '../kube/time';
import type {
  ConfigMap,
  Deployment,
  KubeEvent,
  KubeObject,
  Node,
  Pod,
  ReplicaSet,
  Service,
} from '../kube/types';
import { formatLabelSelector } from '../selectors/label-selector';
import type { ResourceType } from './resources';

interface Column {
  name: string;
  type: 'string' | 'integer';
  format?: string;
  description: string;
  priority: number;
}

type Cell = string | number;

interface Printer {
  columns: Column[];
  cells(object: KubeObject, now: number): Cell[];
}

const col = (
  name: string,
  description: string,
  priority = 0,
  type: Column['type'] = 'string',
  format = '',
): Column => ({
  name,
  type,
  format,
  description,
  priority,
});

const NAME = col('Name', 'Name must be unique within a namespace.', 0, 'string', 'name');
const AGE = col(
  'Age',
  'CreationTimestamp is a timestamp representing the server time when this object was created.',
);

function age(object: KubeObject, now: number): string {
  const created = parseTime(object.metadata.creationTimestamp);
  return created === undefined ? '<unknown>' : humanDuration(now - created);
}

/** kubectl's STATUS of a pod: the phase, or the most telling container state. */
export function podDisplayStatus(pod: Pod): {
  status: string;
  ready: number;
  total: number;
  restarts: number;
  lastRestart?: number;
} {
  const status = pod.status ?? {};
  let reason = status.reason || status.phase || 'Pending';
  let restarts = 0;
  let lastRestart: number | undefined;
  const noteRestart = (finishedAt: string | undefined) => {
    const at = parseTime(finishedAt);
    if (at !== undefined && (lastRestart === undefined || at > lastRestart)) lastRestart = at;
  };
  let initializing = false;
  const inits = status.initContainerStatuses ?? [];
  for (const [i, c] of inits.entries()) {
    restarts += c.restartCount;
    noteRestart(c.lastState.terminated?.finishedAt);
    const terminated = c.state.terminated;
    if (terminated && terminated.exitCode === 0) continue;
    if (terminated) reason = `Init:${terminated.reason || `ExitCode:${terminated.exitCode}`}`;
    else if (c.state.waiting?.reason && c.state.waiting.reason !== 'PodInitializing')
      reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${(pod.spec.initContainers ?? []).length}`;
    initializing = true;
    break;
  }
  let ready = 0;
  const initialized =
    status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initialized) {
    restarts = 0;
    let hasRunning = false;
    const containers = status.containerStatuses ?? [];
    for (let i = containers.length - 1; i >= 0; i--) {
      const c = containers[i]!;
      restarts += c.restartCount;
      noteRestart(c.lastState.terminated?.finishedAt);
      if (c.state.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state.terminated) reason = `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  return { status: reason, ready, total: pod.spec.containers.length, restarts, lastRestart };
}

const PRINTERS: Record<string, Printer> = {
  pods: {
    columns: [
      NAME,
      col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
      col('Status', 'The aggregate status of the containers in this pod.'),
      col(
        'Restarts',
        'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
      ),
      AGE,
      col(
        'IP',
        'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
        1,
      ),
      col('Node', 'NodeName is a request to schedule this pod onto a specific node.', 1),
      col(
        'Nominated Node',
        'nominatedNodeName is set only when this pod preempts other pods on the node.',
        1,
      ),
      col('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
    ],
    cells(object, now) {
      const pod = object as Pod;
      const s = podDisplayStatus(pod);
      const restarts =
        s.restarts !== 0 && s.lastRestart !== undefined
          ? `${s.restarts} (${humanDuration(now - s.lastRestart)} ago)`
          : String(s.restarts);
      return [
        pod.metadata.name ?? '',
        `${s.ready}/${s.total}`,
        s.status,
        restarts,
        age(pod, now),
        pod.status?.podIP || '<none>',
        pod.spec.nodeName || '<none>',
        '<none>',
        '<none>',
      ];
    },
  },
  deployments: {
    columns: [
      NAME,
      col('Ready', 'Number of the pod with ready state'),
      col(
        'Up-to-date',
        'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
        0,
        'integer',
      ),
      col(
        'Available',
        'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
        0,
        'integer',
      ),
      AGE,
      col('Containers', 'Names of each container in the template.', 1),
      col('Images', 'Images referenced by each container in the template.', 1),
      col(
        'Selector',
        'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
        1,
      ),
    ],
    cells(object, now) {
      const d = object as Deployment;
      const containers = d.spec.template.spec.containers ?? [];
      return [
        d.metadata.name ?? '',
        `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`,
        d.status?.updatedReplicas ?? 0,
        d.status?.availableReplicas ?? 0,
        age(d, now),
        containers.map((c) => c.name).join(','),
        containers.map((c) => c.image).join(','),
        formatLabelSelector(d.spec.selector),
      ];
    },
  },
  replicasets: {
    columns: [
      NAME,
      col('Desired', 'Number of desired pods.', 0, 'integer'),
      col('Current', 'Number of actual replicas.', 0, 'integer'),
      col('Ready', 'The number of ready replicas for this replica set.', 0, 'integer'),
      AGE,
      col('Containers', 'Names of each container in the template.', 1),
      col('Images', 'Images referenced by each container in the template.', 1),
      col('Selector', 'Selector is a label query over pods that should match the replica count.', 1),
    ],
    cells(object, now) {
      const rs = object as ReplicaSet;
      const containers = rs.spec.template.spec.containers ?? [];
      return [
        rs.metadata.name ?? '',
        rs.spec.replicas ?? 0,
        rs.status?.replicas ?? 0,
        rs.status?.readyReplicas ?? 0,
        age(rs, now),
        containers.map((c) => c.name).join(','),
        containers.map((c) => c.image).join(','),
        formatLabelSelector(rs.spec.selector),
      ];
    },
  },
  nodes: {
    columns: [
      NAME,
      col('Status', 'The status of the node'),
      col('Roles', 'The roles of the node'),
      AGE,
      col('Version', 'Kubelet Version reported by the node.'),
      col(
        'Internal-IP',
        'List of addresses reachable to the node. Queried from cloud provider, if available.',
        1,
      ),
      col(
        'External-IP',
        'List of addresses reachable to the node. Queried from cloud provider, if available.',
        1,
      ),
      col(
        'OS-Image',
        'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
        1,
      ),
      col(
        'Kernel-Version',
        "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
        1,
      ),
      col(
        'Container-Runtime',
        'Container Runtime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
        1,
      ),
    ],
    cells(object, now) {
      const node = object as Node;
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
      const status = `${ready ? 'Ready' : 'NotReady'}${node.spec?.unschedulable ? ',SchedulingDisabled' : ''}`;
      const roles = Object.keys(node.metadata.labels ?? {})
        .filter((l) => l.startsWith('node-role.kubernetes.io/'))
        .map((l) => l.slice('node-role.kubernetes.io/'.length))
        .join(',');
      const address = (type: string) =>
        node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
      const info = node.status?.nodeInfo ?? {};
      return [
        node.metadata.name ?? '',
        status,
        roles || '<none>',
        age(node, now),
        info.kubeletVersion ?? '',
        address('InternalIP'),
        address('ExternalIP'),
        info.osImage ?? '',
        info.kernelVersion ?? '',
        info.containerRuntimeVersion ?? '',
      ];
    },
  },
  namespaces: {
    columns: [NAME, col('Status', 'The status of the namespace'), AGE],
    cells: (object, now) => [
      object.metadata.name ?? '',
      String((object.status as { phase?: string })?.phase ?? 'Active'),
      age(object, now),
    ],
  },
  events: {
    columns: [
      col('Last Seen', 'Time when last event occurred'),
      col('Type', 'Type of this event (Normal, Warning), new types could be added in the future.'),
      col('Reason', 'Reason why the action was taken. It is human-readable.'),
      col('Object', 'The object that this event is about. Mapped from .involvedObject.'),
      col('Subobject', 'The subobject that this event is about. Mapped from .involvedObject.fieldPath.', 1),
      col('Source', 'The name of the controller that emitted this Event.', 1),
      col('Message', 'A human-readable description of the status of this operation.'),
      col('First Seen', 'Time when first event occurred', 1),
      col('Count', 'Count of times this event has occurred', 1, 'integer'),
      { ...NAME, priority: 1 },
    ],
    cells(object, now) {
      const e = object as KubeEvent;
      const last = parseTime(e.lastTimestamp) ?? now;
      const first = parseTime(e.firstTimestamp) ?? last;
      const lastSeen =
        e.count > 1
          ? `${humanDuration(now - last)} (x${e.count} over ${humanDuration(last - first)})`
          : humanDuration(now - last);
      return [
        lastSeen,
        e.type,
        e.reason,
        `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`,
        e.involvedObject.fieldPath ?? '',
        e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component,
        e.message,
        humanDuration(now - first),
        e.count,
        e.metadata.name ?? '',
      ];
    },
  },
  services: {
    columns: [
      NAME,
      col('Type', 'type determines how the Service is exposed.'),
      col('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
      col(
        'External-IP',
        'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
      ),
      col('Port(s)', 'The list of ports that are exposed by this service.'),
      AGE,
      col('Selector', 'Route service traffic to pods with label keys and values matching this selector.', 1),
    ],
    cells(object, now) {
      const svc = object as Service;
      const ports = (svc.spec.ports ?? []).map(
        (p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`,
      );
      const selector = Object.entries(svc.spec.selector ?? {}).map(([k, v]) => `${k}=${v}`);
      return [
        svc.metadata.name ?? '',
        svc.spec.type ?? 'ClusterIP',
        svc.spec.clusterIP ?? '<none>',
        '<none>',
        ports.join(',') || '<none>',
        age(svc, now),
        selector.join(',') || '<none>',
      ];
    },
  },
  configmaps: {
    columns: [NAME, col('Data', 'Number of data entries', 0, 'integer'), AGE],
    cells(object, now) {
      const cm = object as ConfigMap;
      return [
        cm.metadata.name ?? '',
        Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
        age(cm, now),
      ];
    },
  },
};

const DEFAULT_PRINTER: Printer = {
  columns: [NAME, col('Created At', 'CreationTimestamp', 0, 'string', 'date-time')],
  cells: (object) => [object.metadata.name ?? '', object.metadata.creationTimestamp ?? ''],
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Whether an Accept header asks for a Table (kubectl get). */
export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}

export function toTable(
  type: ResourceType,
  objects: KubeObject[],
  resourceVersion: string,
  now: number,
  includeObject: IncludeObject,
): Record<string, unknown> {
  const printer = PRINTERS[type.plural] ?? DEFAULT_PRINTER;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: printer.columns,
    rows: objects.map((object) => ({
      cells: printer.cells(object, now),
      object:
        includeObject === 'None'
          ? null
          : includeObject === 'Object'
            ? object
            : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata },
    })),
  };
}
