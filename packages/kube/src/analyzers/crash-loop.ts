import type { Finding } from '@aiops/contracts';
import { containersOf, statusOf } from '../workload';
import { type Analyzer, resourceOf } from './analyzer';
import { isCrashLooping, lastLine, lastRunLog, livenessKills, missingEnvIn, wasOomKilled } from './signals';

/** A container that keeps exiting for a reason the spec cannot fix: not OOM, not a probe, not missing config. */
export const crashLoop: Analyzer = {
  name: 'crash-loop',
  async analyze(workload) {
    const findings: Finding[] = [];
    for (const container of containersOf(workload)) {
      for (const pod of workload.pods.filter((p) => isCrashLooping(p, container.name))) {
        if (wasOomKilled(pod, container.name) || livenessKills(workload, pod, container.name).length > 0)
          continue;
        const log = await lastRunLog(workload, pod, container.name);
        if (missingEnvIn(log)) continue;
        const status = statusOf(pod, container.name);
        const terminated = status?.lastState?.terminated ?? status?.state?.terminated;
        const line = lastLine(log);
        findings.push({
          category: 'crash-loop',
          resource: resourceOf(workload),
          container: container.name,
          message: `container ${container.name} keeps exiting (exit code ${terminated?.exitCode ?? 'unknown'}, ${status?.restartCount ?? 0} restarts)${line ? `; last log line: "${line}"` : ''}; a person must look at the application`,
          fixable: false,
          evidence: [
            {
              kind: 'status',
              source: `pod/${pod.metadata?.name}`,
              text: `${status?.state?.waiting?.reason ?? 'restarting'}; last exit ${terminated?.exitCode} (${terminated?.reason ?? 'Error'})`,
            },
            ...(line
              ? [{ kind: 'log' as const, source: `pod/${pod.metadata?.name}/${container.name}`, text: line }]
              : []),
          ],
        });
        break;
      }
    }
    return findings;
  },
};
