import type { V1Pod } from '@kubernetes/client-node';
import { podEvents, statusOf, type Workload } from '../workload';

/** Lines programs print when required configuration is missing; the first group names the variable. */
const MISSING_ENV = [
  /missing required environment variable:?\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/i,
  /environment variable\s+"?([A-Za-z_][A-Za-z0-9_]*)"?\s+(?:is\s+)?(?:not set|missing|required|undefined)/i,
  /\b([A-Z][A-Z0-9_]{2,})\s+(?:env(?:ironment)? var(?:iable)?\s+)?(?:is\s+)?(?:not set|must be set|is required)/,
];

export function missingEnvIn(log: string): { variable: string; line: string } | undefined {
  for (const line of log.split('\n').reverse()) {
    for (const pattern of MISSING_ENV) {
      const match = pattern.exec(line);
      if (match?.[1]) return { variable: match[1], line: line.trim() };
    }
  }
  return undefined;
}

export function lastLine(log: string): string | undefined {
  return log
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1);
}

/** The log of the container's last run (the previous one after a restart). */
export async function lastRunLog(workload: Workload, pod: V1Pod, container: string): Promise<string> {
  const name = pod.metadata?.name ?? '';
  const restarted = (statusOf(pod, container)?.restartCount ?? 0) > 0;
  const previous = restarted ? await workload.cluster.podLog(workload.namespace, name, container, true) : '';
  return previous || workload.cluster.podLog(workload.namespace, name, container, false);
}

/** Kubelet killed the container because its liveness probe failed. */
export function livenessKills(workload: Workload, pod: V1Pod, container: string) {
  return podEvents(workload, pod, container).filter(
    (e) => e.reason === 'Killing' && /liveness probe/i.test(e.message ?? ''),
  );
}

export function wasOomKilled(pod: V1Pod, container: string): boolean {
  const status = statusOf(pod, container);
  return (
    status?.lastState?.terminated?.reason === 'OOMKilled' || status?.state?.terminated?.reason === 'OOMKilled'
  );
}

/** The container keeps exiting: waiting in CrashLoopBackOff, or terminated with an error after restarts. */
export function isCrashLooping(pod: V1Pod, container: string): boolean {
  const status = statusOf(pod, container);
  if (!status) return false;
  if (status.state?.waiting?.reason === 'CrashLoopBackOff') return true;
  const exit = status.state?.terminated?.exitCode ?? status.lastState?.terminated?.exitCode;
  return (status.restartCount ?? 0) > 0 && exit !== undefined && exit !== 0;
}

export const IMAGE_PULL_REASONS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
]);
