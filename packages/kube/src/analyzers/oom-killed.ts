import type { Finding } from '@aiops/contracts';
import { containersOf, eventText, eventTime, podEvents, statusOf } from '../workload';
import { type Analyzer, resourceOf } from './analyzer';
import { wasOomKilled } from './signals';

export const oomKilled: Analyzer = {
  name: 'oom-killed',
  async analyze(workload) {
    const findings: Finding[] = [];
    for (const container of containersOf(workload)) {
      const pod = workload.pods.find((p) => wasOomKilled(p, container.name));
      if (!pod) continue;
      const status = statusOf(pod, container.name);
      const terminated = status?.lastState?.terminated ?? status?.state?.terminated;
      const limit = container.resources?.limits?.memory ?? 'none';
      findings.push({
        category: 'oom-killed',
        resource: resourceOf(workload),
        container: container.name,
        message: `container ${container.name} is OOMKilled: its working set exceeds the memory limit (${limit})`,
        fixable: true,
        evidence: [
          {
            kind: 'status',
            source: `pod/${pod.metadata?.name}`,
            text: `last terminated: ${terminated?.reason} (exit ${terminated?.exitCode}), restarts ${status?.restartCount ?? 0}, memory limit ${limit}`,
          },
          ...podEvents(workload, pod, container.name)
            .filter((e) => /oom/i.test(`${e.reason} ${e.message}`))
            .slice(0, 1)
            .map((e) => ({
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
