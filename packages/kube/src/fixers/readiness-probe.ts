import { findAnsweringPath } from './answering-path';
import { copyOf, type Fixer } from './fixer';

/** Adds a readiness probe on a path a running pod answers with 200. */
export const readinessProbeFixer: Fixer = {
  category: 'missing-readiness-probe',
  async fix({ container, workload }) {
    if (container.readinessProbe) return { refused: 'the container has a readiness probe now' };
    const answer = await findAnsweringPath(workload, container);
    if (!answer) return { refused: 'no running pod answers on a candidate path to probe' };
    const changed = copyOf(container);
    changed.readinessProbe = {
      httpGet: { path: answer.path, port: answer.port },
      periodSeconds: 10,
      failureThreshold: 3,
    };
    return {
      container: changed,
      description: `added a readiness probe GET ${answer.path}:${answer.port} (answered 200)`,
    };
  },
};
