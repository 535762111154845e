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

/**
 * The pod-template-hash of the ReplicaSet that runs the Deployment's current template (its pod spec equals the
 * Deployment's), or undefined while the controller has not made it yet.
 */
async function currentTemplateHash(cluster: Cluster, d: V1Deployment): Promise<string | undefined> {
  const sets = await cluster.listReplicaSets(
    d.metadata?.namespace ?? '',
    labelSelector(d.spec?.selector?.matchLabels),
  );
  const wanted = JSON.stringify(d.spec?.template.spec);
  const current = sets.find(
    (rs) =>
      (rs.metadata?.ownerReferences?.some((o) => o.uid === d.metadata?.uid) ?? true) &&
      JSON.stringify(rs.spec?.template?.spec) === wanted,
  );
  return current?.metadata?.labels?.['pod-template-hash'];
}

/**
 * Waits, within a bounded time, for the rollout to complete. Diagnoses the new pods meanwhile and gives up
 * early on a fault that waiting will not cure, so the next round can fix it.
 */
export async function verifyRollout(
  cluster: Cluster,
  namespace: string,
  name: string,
  options: { timeoutMs: number; pollMs: number; settleMs?: number },
): Promise<Verification> {
  const deadline = Date.now() + options.timeoutMs;
  const settleMs = options.settleMs ?? 0;
  let lastStatus = '';
  // A fix holds when the rollout stays complete, with no restart, for the settle time: a container that is Ready
  // for a moment and then OOMKilled or killed by its liveness probe is not fixed.
  let stable: { since: number; restarts: number } | undefined;
  while (Date.now() < deadline) {
    const d = await cluster.getDeployment(namespace, name);
    if (!d) return { verified: false, detail: 'the deployment disappeared', findings: [] };
    const s = d.status;
    lastStatus = `${s?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1} ready, ${s?.updatedReplicas ?? 0} updated`;
    const workload = await readWorkload(cluster, namespace, name);
    const hash = await currentTemplateHash(cluster, d);
    if (workload && hash) {
      workload.pods = workload.pods.filter((p) => p.metadata?.labels?.['pod-template-hash'] === hash);
      const restarts = workload.pods.reduce(
        (sum, p) => sum + (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
        0,
      );
      if (rolloutComplete(d) && (!stable || stable.restarts === restarts)) {
        stable ??= { since: Date.now(), restarts };
        if (Date.now() - stable.since >= settleMs) {
          return { verified: true, detail: `every replica Ready (${lastStatus})`, findings: [] };
        }
      } else stable = undefined;
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
