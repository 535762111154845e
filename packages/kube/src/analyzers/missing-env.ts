import type { Finding } from '@aiops/contracts';
import { containersOf } from '../workload';
import { type Analyzer, resourceOf } from './analyzer';
import { isCrashLooping, lastRunLog, missingEnvIn } from './signals';

export const missingEnv: Analyzer = {
  name: 'missing-env',
  async analyze(workload) {
    const findings: Finding[] = [];
    for (const container of containersOf(workload)) {
      for (const pod of workload.pods.filter((p) => isCrashLooping(p, container.name))) {
        const missing = missingEnvIn(await lastRunLog(workload, pod, container.name));
        if (!missing) continue;
        findings.push({
          category: 'missing-env',
          resource: resourceOf(workload),
          container: container.name,
          message: `container ${container.name} exits because the environment variable ${missing.variable} is not set; a person must provide it (env or a Secret/ConfigMap)`,
          fixable: false,
          evidence: [
            { kind: 'log', source: `pod/${pod.metadata?.name}/${container.name}`, text: missing.line },
          ],
        });
        break;
      }
    }
    return findings;
  },
};
