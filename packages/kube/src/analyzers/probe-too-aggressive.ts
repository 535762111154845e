import type { Evidence, Finding } from '@aiops/contracts';
import {
  containersOf,
  eventText,
  eventTime,
  PROBE_KINDS,
  PROBE_LABEL,
  podEvents,
  probeTiming,
} from '../workload';
import { type Analyzer, resourceOf } from './analyzer';

const TIMEOUT = /timeout|deadline exceeded|Client\.Timeout/i;

/** A probe that checks too often, gives up after one failure, or waits less than the app takes to answer. */
export const probeTooAggressive: Analyzer = {
  name: 'probe-too-aggressive',
  async analyze(workload) {
    const findings: Finding[] = [];
    for (const container of containersOf(workload)) {
      for (const kind of PROBE_KINDS) {
        const probe = container[kind];
        if (!probe) continue;
        const timing = probeTiming(probe);
        const reasons: string[] = [];
        if (timing.periodSeconds < 5) reasons.push(`periodSeconds ${timing.periodSeconds} (under 5)`);
        if (timing.failureThreshold === 1 && kind !== 'startupProbe') reasons.push('failureThreshold 1');
        const evidence: Evidence[] = [];
        const timeouts = workload.pods
          .flatMap((p) => podEvents(workload, p, container.name))
          .filter(
            (e) =>
              e.reason === 'Unhealthy' &&
              (e.message ?? '').startsWith(`${PROBE_LABEL[kind]} probe failed`) &&
              TIMEOUT.test(e.message ?? ''),
          );
        if (timeouts[0]) {
          reasons.push(`timeoutSeconds ${timing.timeoutSeconds} shorter than the response time`);
          evidence.push({
            kind: 'event',
            source: `pod/${timeouts[0].involvedObject.name}`,
            text: eventText(timeouts[0]),
            at: eventTime(timeouts[0]),
          });
        }
        if (reasons.length === 0) continue;
        evidence.unshift({
          kind: 'spec',
          source: `deployment/${workload.name}/${container.name}`,
          text: `${kind}: period ${timing.periodSeconds}s, timeout ${timing.timeoutSeconds}s, failureThreshold ${timing.failureThreshold}`,
        });
        findings.push({
          category: 'probe-too-aggressive',
          resource: resourceOf(workload),
          container: container.name,
          message: `the ${PROBE_LABEL[kind].toLowerCase()} probe of container ${container.name} is too aggressive: ${reasons.join(', ')}`,
          fixable: true,
          evidence,
        });
      }
    }
    return findings;
  },
};
