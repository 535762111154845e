/**
 * How a simulated container answers on the network: it listens on its containerPorts once its
 * startup time has passed, answers 200 on its http-paths and 404 elsewhere, after response-ms.
 * Used by the kubelet's probes and by the pods/proxy subresource.
 */
import type { Behaviour } from './behaviour';

export interface ListeningContainer {
  ports: number[];
  /** Simulated time from which the process accepts connections; undefined while not running. */
  listeningFrom: number | undefined;
  behaviour: Behaviour;
}

export type AppAnswer =
  | { kind: 'refused' }
  | { kind: 'http'; status: number; body: string; responseMs: number };

export function answerHttp(
  containers: ListeningContainer[],
  port: number,
  path: string,
  now: number,
): AppAnswer {
  const container = containers.find((c) => c.ports.includes(port));
  if (!container || container.listeningFrom === undefined || now < container.listeningFrom)
    return { kind: 'refused' };
  const pathOnly = path.split('?')[0] || '/';
  const found = container.behaviour.httpPaths.includes(pathOnly);
  return {
    kind: 'http',
    status: found ? 200 : 404,
    body: found ? 'OK\n' : '404 page not found\n',
    responseMs: container.behaviour.responseMs,
  };
}

export function acceptsTcp(containers: ListeningContainer[], port: number, now: number): boolean {
  const container = containers.find((c) => c.ports.includes(port));
  return container?.listeningFrom !== undefined && now >= container.listeningFrom;
}

/** Seconds over which a process's memory grows from a tenth of its working set to all of it. */
function rampSeconds(behaviour: Behaviour): number {
  return Math.max(2, behaviour.startupSeconds);
}

/** Memory the process uses `now`, having started at `startedAt`. */
export function workingSetAt(behaviour: Behaviour, startedAt: number, now: number): number {
  const progress = Math.min(1, Math.max(0, (now - startedAt) / 1000 / rampSeconds(behaviour)));
  return behaviour.memoryWorkingSetBytes * (0.1 + 0.9 * progress);
}

/** When a process started at `startedAt` outgrows a memory limit, or undefined if it never does. */
export function outgrowsLimitAt(
  behaviour: Behaviour,
  limitBytes: number | undefined,
  startedAt: number,
): number | undefined {
  if (limitBytes === undefined || limitBytes <= 0 || behaviour.memoryWorkingSetBytes <= limitBytes)
    return undefined;
  const fraction = limitBytes / behaviour.memoryWorkingSetBytes;
  const seconds = fraction <= 0.1 ? 0 : (rampSeconds(behaviour) * (fraction - 0.1)) / 0.9;
  return startedAt + Math.max(0.2, seconds) * 1000;
}
