import { PROBE_KINDS, PROBE_LABEL, probePort, probeTiming } from '../workload';
import { findAnsweringPath } from './answering-path';
import { copyOf, type Fixer } from './fixer';

/** Relaxes period (to 10 s), failureThreshold (to 3) and a timeout shorter than the measured response time. */
export const probeTimingFixer: Fixer = {
  category: 'probe-too-aggressive',
  async fix({ finding, container, workload }) {
    const changed = copyOf(container);
    const notes: string[] = [];
    const slowAnswers = finding.message.includes('shorter than the response time');
    for (const kind of PROBE_KINDS) {
      const probe = changed[kind];
      if (!probe) continue;
      const timing = probeTiming(probe);
      if (timing.periodSeconds < 5) {
        probe.periodSeconds = 10;
        notes.push(`${PROBE_LABEL[kind].toLowerCase()} periodSeconds ${timing.periodSeconds} → 10`);
      }
      if (timing.failureThreshold === 1 && kind !== 'startupProbe') {
        probe.failureThreshold = 3;
        notes.push(`${PROBE_LABEL[kind].toLowerCase()} failureThreshold 1 → 3`);
      }
      if (slowAnswers && probe.httpGet) {
        const measured = await findAnsweringPath(workload, changed, { port: probePort(changed, probe) });
        const seconds = measured ? Math.ceil((2 * measured.ms) / 1000) : timing.timeoutSeconds * 3;
        const timeout = Math.min(30, Math.max(timing.timeoutSeconds + 1, seconds));
        probe.timeoutSeconds = timeout;
        notes.push(`${PROBE_LABEL[kind].toLowerCase()} timeoutSeconds ${timing.timeoutSeconds} → ${timeout}`);
      }
    }
    if (notes.length === 0) return { refused: 'probe timings are already within bounds' };
    return { container: changed, description: notes.join('; ') };
  },
};
