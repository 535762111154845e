import type { V1Probe } from '@kubernetes/client-node';
import { containerPorts, PROBE_KINDS, PROBE_LABEL, probePort } from '../workload';
import { findAnsweringPath } from './answering-path';
import { copyOf, type Fixer } from './fixer';

/** Points each probe that does not answer at a port and path that do, found by asking a running pod. */
export const probePathFixer: Fixer = {
  category: 'probe-path-not-found',
  async fix({ container, workload }) {
    const changed = copyOf(container);
    const notes: string[] = [];
    for (const kind of PROBE_KINDS) {
      const probe: V1Probe | undefined = changed[kind];
      if (!probe?.httpGet) continue;
      const port = probePort(changed, probe);
      const listens = port !== undefined && containerPorts(changed).includes(port);
      const own = listens ? await findAnsweringPath(workload, changed, { port }) : undefined;
      if (own && own.path === (probe.httpGet.path ?? '/')) continue;
      const answer = own ?? (await findAnsweringPath(workload, changed));
      if (!answer) {
        return {
          refused: `no running pod of ${workload.name} answers on any candidate path, so no probe target can be verified`,
        };
      }
      notes.push(
        `${PROBE_LABEL[kind].toLowerCase()} probe ${probe.httpGet.path ?? '/'}:${probe.httpGet.port} → ${answer.path}:${answer.port} (answered 200 on ${answer.pod})`,
      );
      probe.httpGet = { ...probe.httpGet, path: answer.path, port: answer.port };
    }
    if (notes.length === 0) return { refused: 'every probe path answers now' };
    return { container: changed, description: notes.join('; ') };
  },
};
