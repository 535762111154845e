import type { Cluster } from '@aiops/kube';
import type { ClusterEvent, DependencyEdge, EntityRef } from '@aiops/rca';
import type { CoreV1Event, V1Deployment, V1Pod } from '@kubernetes/client-node';

/** Kubernetes events as the ranking's evidence kinds. */
function eventKind(e: CoreV1Event): ClusterEvent['kind'] | undefined {
  const text = `${e.reason} ${e.message ?? ''}`;
  if (/oom/i.test(text)) return 'oom';
  if (e.reason === 'FailedScheduling') return 'failed-scheduling';
  if (e.reason === 'Unhealthy') return 'probe-failure';
  if (e.reason === 'Killing') return 'restart';
  if (e.reason === 'BackOff' && /image/i.test(text)) return 'image-pull';
  if (e.reason === 'BackOff') return 'crash';
  if (e.reason === 'Failed' && /image/i.test(text)) return 'image-pull';
  if (e.reason === 'ScalingReplicaSet') return 'scale';
  return undefined;
}

const time = (t: unknown) => (t ? new Date(t as string).getTime() : undefined);

export interface ClusterScope {
  entities: EntityRef[];
  edges: DependencyEdge[];
  events: ClusterEvent[];
  deployments: V1Deployment[];
}

/**
 * The incident's scope read from the cluster: the namespace's Deployments, their pods and nodes, who owns and
 * runs what, the Kubernetes events about them, and rollouts (ReplicaSets created) as changes.
 */
export async function readClusterScope(
  cluster: Cluster,
  namespace: string,
  maxDeployments = 30,
): Promise<ClusterScope> {
  const deployments = (await cluster.listDeployments(namespace)).slice(0, maxDeployments);
  const [events, replicaSets] = await Promise.all([
    cluster.listEvents(namespace),
    cluster.listReplicaSets(namespace, ''),
  ]);
  const pods: V1Pod[] = (
    await Promise.all(
      deployments.map((d) =>
        cluster.listPods(
          namespace,
          Object.entries(d.spec?.selector?.matchLabels ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(','),
        ),
      ),
    )
  ).flat();
  const deploymentRef = (name: string): EntityRef => ({ kind: 'deployment', namespace, name });
  const podRef = (name: string): EntityRef => ({ kind: 'pod', namespace, name });
  const ownerOf = new Map<string, string>();
  for (const d of deployments) {
    const name = d.metadata?.name ?? '';
    for (const p of pods.filter((p) => p.metadata?.name?.startsWith(`${name}-`)))
      ownerOf.set(p.metadata?.name ?? '', name);
  }
  const edges: DependencyEdge[] = [];
  const entities: EntityRef[] = deployments.map((d) => deploymentRef(d.metadata?.name ?? ''));
  for (const [pod, owner] of ownerOf) {
    entities.push(podRef(pod));
    edges.push({ from: deploymentRef(owner), to: podRef(pod), kind: 'owns' });
    const node = pods.find((p) => p.metadata?.name === pod)?.spec?.nodeName;
    if (node) edges.push({ from: podRef(pod), to: { kind: 'node', name: node }, kind: 'runs-on' });
  }
  const clusterEvents: ClusterEvent[] = [];
  for (const e of events) {
    const kind = eventKind(e);
    const at = time(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp);
    const name = e.involvedObject.name ?? '';
    if (!kind || at === undefined) continue;
    const entity = e.involvedObject.kind === 'Pod' && ownerOf.has(name) ? podRef(name) : deploymentRef(name);
    if (entity.kind === 'deployment' && !deployments.some((d) => d.metadata?.name === name)) continue;
    clusterEvents.push({ time: at, entity, kind, detail: `${e.reason}: ${e.message ?? ''}` });
  }
  for (const rs of replicaSets) {
    const owner = rs.metadata?.ownerReferences?.find((o) => o.kind === 'Deployment')?.name;
    const at = time(rs.metadata?.creationTimestamp);
    if (!owner || at === undefined || !deployments.some((d) => d.metadata?.name === owner)) continue;
    clusterEvents.push({
      time: at,
      entity: deploymentRef(owner),
      kind: 'rollout',
      detail: `ReplicaSet ${rs.metadata?.name} created`,
    });
  }
  return { entities, edges, events: clusterEvents, deployments };
}
