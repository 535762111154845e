import type { Finding } from '@aiops/contracts';
import { containersOf } from '../workload';
import { type Analyzer, resourceOf } from './analyzer';

/** A container that serves on a port but has no readiness probe: traffic reaches it before it is ready. */
export const missingReadinessProbe: Analyzer = {
  name: 'missing-readiness-probe',
  async analyze(workload) {
    return containersOf(workload)
      .filter((c) => (c.ports?.length ?? 0) > 0 && !c.readinessProbe)
      .map(
        (c): Finding => ({
          category: 'missing-readiness-probe',
          resource: resourceOf(workload),
          container: c.name,
          message: `container ${c.name} serves on port ${c.ports?.map((p) => p.containerPort).join(', ')} without a readiness probe`,
          fixable: true,
          evidence: [
            {
              kind: 'spec',
              source: `deployment/${workload.name}/${c.name}`,
              text: 'readinessProbe: not set',
            },
          ],
        }),
      );
  },
};
