import type { V1Container, V1Pod } from '@kubernetes/client-node';
import { labelSelector } from '../cluster';
import { containerPorts, PROBE_KINDS, runningPods, statusOf, type Workload } from '../workload';

/**
 * How long to wait for a pod whose container runs: a crash-looping pod runs between back-offs, and only a
 * running container can be asked which path answers.
 */
const RUNNING_POD_WAIT_MS = 60_000;

/** Health endpoints frameworks commonly serve, tried after the container's own probe paths. */
const COMMON_PATHS = [
  '/healthz',
  '/health',
  '/readyz',
  '/ready',
  '/livez',
  '/actuator/health',
  '/status',
  '/ping',
  '/',
];

export interface AnsweringPath {
  port: number;
  path: string;
  ms: number;
  pod: string;
}

/**
 * Asks a running pod of the workload, through pods/proxy, which candidate path answers 200, as a probe would.
 * Undefined when no pod runs or nothing answers.
 */
export async function findAnsweringPath(
  workload: Workload,
  container: V1Container,
  options: { port?: number; exclude?: string[] } = {},
): Promise<AnsweringPath | undefined> {
  const pod = (
    runningPods(workload, container.name)[0] ?? (await waitForRunningPod(workload, container.name))
  )?.metadata?.name;
  if (!pod) return undefined;
  const ports = options.port !== undefined ? [options.port] : containerPorts(container);
  const own = PROBE_KINDS.map((k) => container[k]?.httpGet?.path).filter((p): p is string => Boolean(p));
  const candidates = [...new Set([...own, ...COMMON_PATHS])].filter((p) => !options.exclude?.includes(p));
  for (const port of ports) {
    for (const path of candidates) {
      const answer = await workload.cluster.probe(workload.namespace, pod, port, path);
      if (answer.status === 200) return { port, path, ms: answer.ms, pod };
      if (answer.status === null) break;
    }
  }
  return undefined;
}

async function waitForRunningPod(workload: Workload, container: string): Promise<V1Pod | undefined> {
  const selector = labelSelector(workload.deployment.spec?.selector?.matchLabels);
  const deadline = Date.now() + RUNNING_POD_WAIT_MS;
  while (Date.now() < deadline) {
    const pods = await workload.cluster.listPods(workload.namespace, selector);
    const running = pods.find(
      (p) =>
        !p.metadata?.deletionTimestamp &&
        p.status?.phase === 'Running' &&
        statusOf(p, container)?.state?.running,
    );
    if (running) return running;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return undefined;
}
