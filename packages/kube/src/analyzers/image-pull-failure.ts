import type { Finding } from '@aiops/contracts';
import { containersOf, eventText, eventTime, podEvents, statusOf } from '../workload';
import { type Analyzer, resourceOf } from './analyzer';
import { IMAGE_PULL_REASONS } from './signals';

export const imagePullFailure: Analyzer = {
  name: 'image-pull-failure',
  async analyze(workload) {
    const findings: Finding[] = [];
    for (const container of containersOf(workload)) {
      const pod = workload.pods.find((p) =>
        IMAGE_PULL_REASONS.has(statusOf(p, container.name)?.state?.waiting?.reason ?? ''),
      );
      if (!pod) continue;
      const waiting = statusOf(pod, container.name)?.state?.waiting;
      const failed = podEvents(workload, pod, container.name).filter(
        (e) => e.reason === 'Failed' && /image/i.test(e.message ?? ''),
      );
      findings.push({
        category: 'image-pull-failure',
        resource: resourceOf(workload),
        container: container.name,
        message: `image ${container.image} cannot be pulled (${waiting?.reason}); a person must fix the image reference or the registry access`,
        fixable: false,
        evidence: [
          {
            kind: 'status',
            source: `pod/${pod.metadata?.name}`,
            text: `${waiting?.reason}: ${waiting?.message ?? ''}`.trim(),
          },
          ...failed.slice(0, 2).map((e) => ({
            kind: 'event' as const,
            source: `pod/${pod.metadata?.name}`,
            text: eventText(e),
            at: eventTime(e),
          })),
        ],
      });
    }
    return findings;
  },
};
