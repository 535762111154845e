import type { Finding } from '@aiops/contracts';
import type { Workload } from '../workload';

/** One kind of fault, found from a workload's pods, events, logs and spec (k8sgpt's analyzers are the model). */
export interface Analyzer {
  name: Finding['category'];
  analyze(workload: Workload): Promise<Finding[]>;
}

export function resourceOf(workload: Workload): Finding['resource'] {
  return { kind: 'Deployment', namespace: workload.namespace, name: workload.name };
}
