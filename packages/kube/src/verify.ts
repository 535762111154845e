import type { Finding } from '@aiops/contracts';
import type { V1Deployment } from '@kubernetes/client-node';
import { exceedsAllocatable } from './analyzers/resources-unschedulable';
import { type Cluster, labelSelector } from './cluster';
import { diagnoseWorkload } from './diagnose';
import { readWorkload } from './workload';

/** Faults that will not go away by waiting: seeing one on the new pods ends the wait early. */
const PERSISTENT: Finding['category'][] = [
  'probe-path-not-found',
  'oom-killed',
  'crash-loop',
  'missing-env',
  'image-pull-failure',
  'resources-unschedulable',
  'liveness-kills-slow-start',
];

export interface Verification {
  verified: boolean;
  detail: string;
  /** Findings on the new pods that ended the wait, for the next round. */
  findings: Finding[];
}

/** Every replica updated, Ready and available, and no old pod left. */
export function rolloutComplete(d: V1Deployment): boolean {
  const want = d.spec?.replicas ?? 1;
  const s = d.status;
  return (
    (s?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
    (s?.updatedReplicas ?? 0) === want &&
    (s?.readyReplicas ?? 0) === want &&
    (s?.availableReplicas ?? 0) === want &&
    (s?.replicas ?? 0) === want
  );
}

/** The pod-template-hash of the Deployment's newest ReplicaSet (highest revision, else the newest). */
async function newestTemplateHash(cluster: Cluster, d: V1Deployment): Promise<string | undefined> {
  const sets = await cluster.listReplicaSets(
    d.metadata?.namespace ?? '',
    labelSelector(d.spec?.selector?.matchLabels),
  );
  const own = sets.filter(
    (rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === d.metadata?.uid) ?? true,
  );
  const revision = (rs: (typeof own)[number]) =>
    Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const created = (rs: (typeof own)[number]) => new Date(rs.metadata?.creationTimestamp ?? 0).getTime();
  const newest = own.sort((a, b) => revision(b) - revision(a) || created(b) - created(a))[0];
  return newest?.metadata?.labels?.['pod-template-hash'];
}

/**
 * Waits, within a bounded time, for the rollout to complete. Diagnoses the new pods meanwhile and gives up
 * early on a fault that waiting will not cure, so the next round can fix it.
 */
export async function verifyRollout(
  cluster: Cluster,
  namespace: string,
  name: string,
  options: { timeoutMs: number; pollMs: number },
): Promise<Verification> {
  const deadline = Date.now() + options.timeoutMs;
  let lastStatus = '';
  while (Date.now() < deadline) {
    const d = await cluster.getDeployment(namespace, name);
    if (!d) return { verified: false, detail: 'the deployment disappeared', findings: [] };
    const s = d.status;
    lastStatus = `${s?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1} ready, ${s?.updatedReplicas ?? 0} updated`;
    if (rolloutComplete(d))
      return { verified: true, detail: `every replica Ready (${lastStatus})`, findings: [] };
    const workload = await readWorkload(cluster, namespace, name);
    const hash = await newestTemplateHash(cluster, d);
    if (workload && hash) {
      workload.pods = workload.pods.filter((p) => p.metadata?.labels?.['pod-template-hash'] === hash);
      // Pending pods whose requests fit a node are waiting for the old pods to make room: not a fault.
      const contention = !exceedsAllocatable(workload);
      const blocking = (await diagnoseWorkload(workload)).filter(
        (f) => PERSISTENT.includes(f.category) && !(f.category === 'resources-unschedulable' && contention),
      );
      if (blocking.length > 0) {
        return {
          verified: false,
          detail: `the new pods show ${blocking.map((f) => f.category).join(', ')} (${lastStatus})`,
          findings: blocking,
        };
      }
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
  return {
    verified: false,
    detail: `not every replica Ready within ${Math.round(options.timeoutMs / 1000)} s (${lastStatus})`,
    findings: [],
  };
}
