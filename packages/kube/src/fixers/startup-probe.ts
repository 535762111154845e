import { probeTiming } from '../workload';
import { copyOf, type Fixer } from './fixer';

/** A startupProbe on the liveness endpoint gives the app five minutes to start before liveness applies. */
export const startupProbeFixer: Fixer = {
  category: 'liveness-kills-slow-start',
  async fix({ container }) {
    const liveness = container.livenessProbe;
    if (!liveness) return { refused: 'the container has no liveness probe' };
    if (container.startupProbe) return { refused: 'the container already has a startupProbe' };
    const changed = copyOf(container);
    const { timeoutSeconds } = probeTiming(liveness);
    changed.startupProbe = {
      ...(liveness.httpGet ? { httpGet: copyOf(liveness.httpGet) } : {}),
      ...(liveness.tcpSocket ? { tcpSocket: copyOf(liveness.tcpSocket) } : {}),
      ...(liveness.exec ? { exec: copyOf(liveness.exec) } : {}),
      periodSeconds: 10,
      failureThreshold: 30,
      timeoutSeconds,
    };
    return {
      container: changed,
      description: 'added a startupProbe on the liveness endpoint (10 s × 30: up to 300 s to start)',
    };
  },
};
