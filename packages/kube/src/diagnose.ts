import type { Finding } from '@aiops/contracts';
import { ANALYZERS } from './analyzers/registry';
import type { Cluster } from './cluster';
import { readWorkload, type Workload } from './workload';

/** Every analyzer over one workload; one finding per category and container. */
export async function diagnoseWorkload(workload: Workload): Promise<Finding[]> {
  const found = (await Promise.all(ANALYZERS.map((a) => a.analyze(workload)))).flat();
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = `${f.category}/${f.container ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function diagnoseDeployment(
  cluster: Cluster,
  namespace: string,
  name: string,
): Promise<Finding[] | null> {
  const workload = await readWorkload(cluster, namespace, name);
  return workload ? diagnoseWorkload(workload) : null;
}

/** Every finding of every Deployment in the namespace. */
export async function diagnoseNamespace(cluster: Cluster, namespace: string): Promise<Finding[]> {
  const deployments = await cluster.listDeployments(namespace);
  const all = await Promise.all(
    deployments.map((d) => diagnoseDeployment(cluster, namespace, d.metadata?.name ?? '')),
  );
  return all.flatMap((f) => f ?? []);
}
