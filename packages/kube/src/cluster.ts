import { tryParseQuantity } from '@aiops/contracts';
import {
  ApiException,
  type CoreV1Event,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
  type V1Node,
  type V1Pod,
  type V1ReplicaSet,
} from '@kubernetes/client-node';
import type { KubeApis } from './client';

interface PodMetrics {
  metadata: { name: string };
  containers: { name: string; usage: { cpu?: string; memory?: string } }[];
}

/** A Kubernetes API error with the server's own message (its Status.message). */
export class ClusterError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ClusterError';
  }
}

export interface ProbeAnswer {
  /** HTTP status the container answered with; null when nothing answered (refused, not running, timeout). */
  status: number | null;
  ms: number;
  error?: string;
}

const FIELD_MANAGER = 'aiops-autofix';

function reason(error: unknown): ClusterError {
  if (error instanceof ApiException) {
    let message = String(error.body ?? '');
    try {
      const status = JSON.parse(message) as { message?: string };
      if (status.message) message = status.message;
    } catch {
      // not a Status object: keep the raw body
    }
    return new ClusterError(message || `HTTP ${error.code}`, error.code);
  }
  const text = error instanceof Error ? error.message : String(error);
  return new ClusterError(`cluster unreachable: ${text}`, null);
}

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw reason(error);
  }
}

export function labelSelector(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The operations the diagnosis and the fixer use, over @kubernetes/client-node. */
export class Cluster {
  constructor(readonly apis: KubeApis) {}

  get server(): string {
    return this.apis.config.getCurrentCluster()?.server ?? 'unknown';
  }

  version(): Promise<string> {
    return call(async () => (await this.apis.version.getCode()).gitVersion);
  }

  async getDeployment(namespace: string, name: string): Promise<V1Deployment | null> {
    try {
      return await this.apis.apps.readNamespacedDeployment({ namespace, name });
    } catch (error) {
      const e = reason(error);
      if (e.status === 404) return null;
      throw e;
    }
  }

  async namespaceExists(name: string): Promise<boolean> {
    try {
      await this.apis.core.readNamespace({ name });
      return true;
    } catch (error) {
      const e = reason(error);
      if (e.status === 404) return false;
      throw e;
    }
  }

  listDeployments(namespace: string): Promise<V1Deployment[]> {
    return call(async () => (await this.apis.apps.listNamespacedDeployment({ namespace })).items);
  }

  listPods(namespace: string, selector: string): Promise<V1Pod[]> {
    return call(
      async () => (await this.apis.core.listNamespacedPod({ namespace, labelSelector: selector })).items,
    );
  }

  listReplicaSets(namespace: string, selector: string): Promise<V1ReplicaSet[]> {
    return call(
      async () =>
        (await this.apis.apps.listNamespacedReplicaSet({ namespace, labelSelector: selector })).items,
    );
  }

  listEvents(namespace: string): Promise<CoreV1Event[]> {
    return call(async () => (await this.apis.core.listNamespacedEvent({ namespace })).items);
  }

  /** Pods bound to a node, from every namespace: what already uses its allocatable. */
  listPodsOnNode(node: string): Promise<V1Pod[]> {
    return call(
      async () =>
        (await this.apis.core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` })).items,
    );
  }

  /**
   * Observed usage per pod and container from metrics.k8s.io (metrics-server), in cores and bytes; null when
   * the cluster serves no metrics API.
   */
  async podUsage(
    namespace: string,
  ): Promise<Map<string, Map<string, { cpu: number; memory: number }>> | null> {
    try {
      const list = (await this.apis.custom.listNamespacedCustomObject({
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        namespace,
        plural: 'pods',
      })) as { items?: PodMetrics[] };
      return new Map(
        (list.items ?? []).map((pod) => [
          pod.metadata.name,
          new Map(
            pod.containers.map((c) => [
              c.name,
              { cpu: tryParseQuantity(c.usage.cpu) ?? 0, memory: tryParseQuantity(c.usage.memory) ?? 0 },
            ]),
          ),
        ]),
      );
    } catch {
      return null;
    }
  }

  listNodes(): Promise<V1Node[]> {
    return call(async () => (await this.apis.core.listNode()).items);
  }

  /** The container's log; empty when there is none (a container that never started). */
  async podLog(
    namespace: string,
    pod: string,
    container: string,
    previous: boolean,
    tailLines = 50,
  ): Promise<string> {
    try {
      return await this.apis.core.readNamespacedPodLog({
        namespace,
        name: pod,
        container,
        previous,
        tailLines,
      });
    } catch {
      return '';
    }
  }

  /** Asks the container an HTTP path through the API server's pods/proxy, as a probe would. */
  async probe(namespace: string, pod: string, port: number, path: string): Promise<ProbeAnswer> {
    const started = performance.now();
    try {
      await this.apis.core.connectGetNamespacedPodProxyWithPath({
        namespace,
        name: `${pod}:${port}`,
        path: path.replace(/^\//, ''),
      });
      return { status: 200, ms: performance.now() - started };
    } catch (error) {
      const e = reason(error);
      const ms = performance.now() - started;
      // The API server answers 503 (or 500) itself when it cannot reach the container at all.
      const unreachable = e.status === null || e.status === 502 || e.status === 503;
      return { status: unreachable ? null : e.status, ms, error: e.message };
    }
  }

  patchDeployment(namespace: string, name: string, patch: object, dryRun: boolean): Promise<V1Deployment> {
    return call(() =>
      this.apis.apps.patchNamespacedDeployment(
        { namespace, name, body: patch, dryRun: dryRun ? 'All' : undefined, fieldManager: FIELD_MANAGER },
        setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
      ),
    );
  }

  replaceDeployment(
    namespace: string,
    name: string,
    body: V1Deployment,
    dryRun: boolean,
  ): Promise<V1Deployment> {
    return call(() =>
      this.apis.apps.replaceNamespacedDeployment({
        namespace,
        name,
        body,
        dryRun: dryRun ? 'All' : undefined,
        fieldManager: FIELD_MANAGER,
      }),
    );
  }
}
