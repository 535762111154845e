/**
 * The simulated cluster without its HTTP front: simulated clock, object store, API semantics and the
 * controllers (deployments, replica sets, scheduler, kubelet, garbage collector) wired together.
 */
import { ObjectApi } from './api/object-api';
import { resourceTypes } from './api/resources';
import { SimClock } from './clock';
import { ControlLoop } from './controller/control-loop';
import { DeploymentController } from './controller/deployment-controller';
import { EventRecorder } from './controller/event-recorder';
import { GarbageCollector } from './controller/garbage-collector';
import { Kubelet } from './controller/kubelet';
import { createRandom, type Random } from './controller/names';
import { ReplicaSetController } from './controller/replicaset-controller';
import { Scheduler } from './controller/scheduler';
import type { KubeObject } from './kube/types';
import { type AppliedObject, applyObjects, parseManifests } from './manifests';
import { MetricsExporter } from './metrics/metrics-exporter';
import { ObjectStore } from './store/object-store';

export interface ClusterOptions {
  /** Simulated time at start; default: now. */
  startTime?: Date;
  /** Seed for generated names, uids and metric noise; default 1. */
  seed?: number;
  /** Create node `sim-node-1` (4 CPU, 8Gi) when the manifests bring no Node; default true. */
  defaultNode?: boolean;
}

export const DEFAULT_NODE_NAME = 'sim-node-1';
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export class Cluster {
  readonly clock: SimClock;
  readonly store = new ObjectStore();
  readonly random: Random;
  readonly api: ObjectApi;
  readonly events: EventRecorder;
  readonly kubelet: Kubelet;
  readonly scheduler: Scheduler;
  readonly metrics: MetricsExporter;
  private readonly loop: ControlLoop;
  readonly garbageCollector: GarbageCollector;
  private readonly defaultNode: boolean;

  constructor(options: ClusterOptions = {}) {
    const seed = options.seed ?? 1;
    this.clock = new SimClock((options.startTime ?? new Date()).getTime());
    this.random = createRandom(seed);
    this.defaultNode = options.defaultNode ?? true;
    this.api = new ObjectApi(this.store, this.clock, this.random);
    this.events = new EventRecorder(this.store, this.clock, this.random);
    const requestSyncAt = (at: number) => this.loop.requestSyncAt(at);
    this.kubelet = new Kubelet(this.store, this.clock, this.events, this.random);
    this.scheduler = new Scheduler(this.store, this.clock, this.events, requestSyncAt);
    const deployments = new DeploymentController(
      this.store,
      this.clock,
      this.api,
      this.events,
      requestSyncAt,
    );
    const replicaSets = new ReplicaSetController(
      this.store,
      this.clock,
      this.api,
      this.events,
      requestSyncAt,
    );
    this.garbageCollector = new GarbageCollector(this.store, this.clock, this.api);
    this.loop = new ControlLoop(this.store, this.clock, [
      deployments,
      replicaSets,
      this.scheduler,
      this.kubelet,
    ]);
    this.metrics = new MetricsExporter(this.store, this.kubelet, seed);
  }

  now(): number {
    return this.clock.now();
  }

  /** Lets the controllers react to what was just written, at the current simulated time. */
  settle(): void {
    this.clock.runDue();
  }

  /** Runs every due action through `seconds` of simulated time. */
  advance(seconds: number): number {
    if (!(seconds >= 0)) throw new Error('advance() needs a number of seconds >= 0');
    this.clock.advanceTo(this.clock.now() + seconds * 1000);
    return this.clock.now();
  }

  /** Applies multi-document YAML like `kubectl apply`. */
  apply(manifests: string): AppliedObject[] {
    return this.applyObjects(parseManifests(manifests));
  }

  applyObjects(objects: KubeObject[]): AppliedObject[] {
    try {
      return applyObjects(this.api, objects);
    } finally {
      this.settle();
    }
  }

  /** Removes every object, then starts again with the system namespaces, nodes and the given manifests. */
  reset(manifests = ''): AppliedObject[] {
    this.store.clear();
    this.kubelet.reset();
    this.scheduler.reset();
    this.settle();
    return this.bootstrap(manifests);
  }

  /** Creates what a fresh cluster has, then applies the manifests. */
  bootstrap(manifests = ''): AppliedObject[] {
    const objects = parseManifests(manifests);
    for (const name of SYSTEM_NAMESPACES) {
      if (!this.store.get(resourceTypes.namespaces, undefined, name)) {
        this.api.create(resourceTypes.namespaces, undefined, { metadata: { name } });
      }
    }
    if (!this.store.get(resourceTypes.services, 'default', 'kubernetes')) {
      this.api.create(resourceTypes.services, 'default', {
        metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: {
          clusterIP: '10.96.0.1',
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        },
      });
    }
    const bringsNodes = objects.some((o) => o.kind === 'Node');
    if (this.defaultNode && !bringsNodes && this.store.list(resourceTypes.nodes).length === 0) {
      this.api.create(resourceTypes.nodes, undefined, {
        metadata: { name: DEFAULT_NODE_NAME, labels: { 'node-role.kubernetes.io/control-plane': '' } },
        status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } },
      });
    }
    return this.applyObjects(objects);
  }
}
