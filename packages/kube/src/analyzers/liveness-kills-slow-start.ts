import type { Finding } from '@aiops/contracts';
import {
  containerPorts,
  containersOf,
  eventText,
  eventTime,
  podEvents,
  probePort,
  probeTiming,
} from '../workload';
import { type Analyzer, resourceOf } from './analyzer';
import { livenessKills } from './signals';

const NOT_LISTENING = /connection refused|timeout|deadline exceeded|no route|EOF/i;

/**
 * The liveness probe kills the container before the app listens: it fails with "connection refused" (not a
 * 404) on a port the container does declare, and there is no startupProbe to hold it back.
 */
export const livenessKillsSlowStart: Analyzer = {
  name: 'liveness-kills-slow-start',
  async analyze(workload) {
    const findings: Finding[] = [];
    for (const container of containersOf(workload)) {
      const probe = container.livenessProbe;
      if (!probe || container.startupProbe) continue;
      const port = probePort(container, probe);
      if (probe.httpGet && (port === undefined || !containerPorts(container).includes(port))) continue;
      for (const pod of workload.pods) {
        const kills = livenessKills(workload, pod, container.name);
        const failures = podEvents(workload, pod, container.name).filter(
          (e) => e.reason === 'Unhealthy' && (e.message ?? '').startsWith('Liveness probe failed'),
        );
        if (kills.length === 0 || !failures.some((e) => NOT_LISTENING.test(e.message ?? ''))) continue;
        if (failures.some((e) => /statuscode: 4\d\d/.test(e.message ?? ''))) continue;
        const timing = probeTiming(probe);
        const budget = timing.initialDelaySeconds + timing.periodSeconds * timing.failureThreshold;
        findings.push({
          category: 'liveness-kills-slow-start',
          resource: resourceOf(workload),
          container: container.name,
          message: `the liveness probe of container ${container.name} kills it before it starts answering (it allows about ${budget}s after start)`,
          fixable: true,
          evidence: [kills[0]!, failures.find((e) => NOT_LISTENING.test(e.message ?? ''))!].map((e) => ({
            kind: 'event' as const,
            source: `pod/${pod.metadata?.name}`,
            text: eventText(e),
            at: eventTime(e),
          })),
        });
        break;
      }
    }
    return findings;
  },
};
