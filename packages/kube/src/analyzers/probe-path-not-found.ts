import type { Evidence, Finding } from '@aiops/contracts';
import {
  containerPorts,
  containersOf,
  eventText,
  eventTime,
  PROBE_KINDS,
  PROBE_LABEL,
  podEvents,
  probePort,
  runningPods,
} from '../workload';
import { type Analyzer, resourceOf } from './analyzer';

/** An httpGet probe whose path answers 404 (or another client error), or whose port has no listener. */
export const probePathNotFound: Analyzer = {
  name: 'probe-path-not-found',
  async analyze(workload) {
    const findings: Finding[] = [];
    for (const container of containersOf(workload)) {
      for (const kind of PROBE_KINDS) {
        const probe = container[kind];
        if (!probe?.httpGet) continue;
        const port = probePort(container, probe);
        const path = probe.httpGet.path ?? '/';
        const where = `${PROBE_LABEL[kind].toLowerCase()} probe ${path} on port ${probe.httpGet.port}`;
        const evidence: Evidence[] = [];
        if (port === undefined || !containerPorts(container).includes(port)) {
          evidence.push({
            kind: 'spec',
            source: `deployment/${workload.name}/${container.name}`,
            text: `${where}: the container listens on ${containerPorts(container).join(', ') || 'no declared port'}`,
          });
        }
        const failed = workload.pods
          .flatMap((p) => podEvents(workload, p, container.name))
          .filter(
            (e) =>
              e.reason === 'Unhealthy' && (e.message ?? '').startsWith(`${PROBE_LABEL[kind]} probe failed`),
          )
          .filter((e) => /statuscode: 4\d\d/.test(e.message ?? ''));
        if (failed[0]) {
          evidence.push({
            kind: 'event',
            source: `pod/${failed[0].involvedObject.name}`,
            text: eventText(failed[0]),
            at: eventTime(failed[0]),
          });
        }
        const pod = runningPods(workload, container.name)[0];
        if (pod && port !== undefined && containerPorts(container).includes(port)) {
          const answer = await workload.cluster.probe(
            workload.namespace,
            pod.metadata?.name ?? '',
            port,
            path,
          );
          if (answer.status !== null && answer.status >= 400 && answer.status < 500) {
            evidence.push({
              kind: 'probe',
              source: `pods/${pod.metadata?.name}:${port}/proxy${path}`,
              text: `GET ${path} answered ${answer.status}`,
            });
          }
        }
        if (evidence.length === 0) continue;
        findings.push({
          category: 'probe-path-not-found',
          resource: resourceOf(workload),
          container: container.name,
          message: `the ${where} of container ${container.name} does not answer`,
          fixable: true,
          evidence,
        });
      }
    }
    return findings;
  },
};
