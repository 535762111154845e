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
 * A crash-looping container may stop in the middle of the search: the search then goes on with the next pod
 * that runs. Undefined when no pod runs within the wait, or nothing answers.
 */
export async function findAnsweringPath(
  workload: Workload,
  container: V1Container,
  options: { port?: number; exclude?: string[] } = {},
): Promise<AnsweringPath | undefined> {
  const deadline = Date.now() + RUNNING_POD_WAIT_MS;
  let pod =
    runningPods(workload, container.name)[0]?.metadata?.name ??
    (await waitForRunningPod(workload, container.name, deadline));
  const ports = options.port !== undefined ? [options.port] : containerPorts(container);
  const own = PROBE_KINDS.map((k) => container[k]?.httpGet?.path).filter((p): p is string => Boolean(p));
  const candidates = [...new Set([...own, ...COMMON_PATHS])].filter((p) => !options.exclude?.includes(p));
  for (const port of ports) {
    for (const path of candidates) {
      if (!pod) return undefined;
      let answer = await workload.cluster.probe(workload.namespace, pod, port, path);
      while (answer.status === null && !(await isRunning(workload, pod, container.name))) {
        pod = await waitForRunningPod(workload, container.name, deadline);
        if (!pod) return undefined;
        answer = await workload.cluster.probe(workload.namespace, pod, port, path);
      }
      if (answer.status === 200) return { port, path, ms: answer.ms, pod };
      // Nothing answers while the container runs: nothing listens on this port.
      if (answer.status === null) break;
    }
  }
  return undefined;
}

async function currentPods(workload: Workload): Promise<V1Pod[]> {
  const selector = labelSelector(workload.deployment.spec?.selector?.matchLabels);
  return (await workload.cluster.listPods(workload.namespace, selector)).filter(
    (p) => !p.metadata?.deletionTimestamp,
  );
}

const runs = (pod: V1Pod, container: string) =>
  pod.status?.phase === 'Running' && Boolean(statusOf(pod, container)?.state?.running);

async function isRunning(workload: Workload, pod: string, container: string): Promise<boolean> {
  const found = (await currentPods(workload)).find((p) => p.metadata?.name === pod);
  return found !== undefined && runs(found, container);
}

async function waitForRunningPod(
  workload: Workload,
  container: string,
  deadline: number,
): Promise<string | undefined> {
  while (Date.now() < deadline) {
    const running = (await currentPods(workload)).find((p) => runs(p, container));
    if (running) return running.metadata?.name;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return undefined;
}
