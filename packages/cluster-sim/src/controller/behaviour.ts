/**
 * What a simulated container does, read from the pod's `sim.aiops.dev/*` annotations
 * (see the scenarios README; absent annotations mean a healthy, fast web server).
 */
import { tryParseQuantity } from '@aiops/contracts';

export const BEHAVIOUR_ANNOTATIONS = {
  httpPaths: 'sim.aiops.dev/http-paths',
  startupSeconds: 'sim.aiops.dev/startup-seconds',
  responseMs: 'sim.aiops.dev/response-ms',
  memoryWorkingSet: 'sim.aiops.dev/memory-working-set',
  cpuUsage: 'sim.aiops.dev/cpu-usage',
  exitCode: 'sim.aiops.dev/exit-code',
  exitAfterSeconds: 'sim.aiops.dev/exit-after-seconds',
  exitLog: 'sim.aiops.dev/exit-log',
  requiresEnv: 'sim.aiops.dev/requires-env',
  imageMissing: 'sim.aiops.dev/image-missing',
  requestRate: 'sim.aiops.dev/request-rate',
  errorRatio: 'sim.aiops.dev/error-ratio',
} as const;

export interface Behaviour {
  /** Paths answered with 200 on the container's ports; anything else is 404. */
  httpPaths: string[];
  startupSeconds: number;
  responseMs: number;
  memoryWorkingSetBytes: number;
  cpuCores: number;
  exitCode: number | undefined;
  exitAfterSeconds: number;
  exitLog: string;
  requiresEnv: string[];
  imageMissing: boolean;
  /** Requests per second a Ready serving pod receives (metrics only). */
  requestRate: number;
  /** Fraction of those requests answered 500 (metrics only). */
  errorRatio: number;
}

function number(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : fallback;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function behaviourOf(annotations: Record<string, string> | undefined): Behaviour {
  const a = annotations ?? {};
  const paths = list(a[BEHAVIOUR_ANNOTATIONS.httpPaths]);
  const exitCode = a[BEHAVIOUR_ANNOTATIONS.exitCode];
  return {
    httpPaths: paths.length > 0 ? paths : ['/'],
    startupSeconds: Math.max(0, number(a[BEHAVIOUR_ANNOTATIONS.startupSeconds], 0)),
    responseMs: Math.max(0, number(a[BEHAVIOUR_ANNOTATIONS.responseMs], 5)),
    memoryWorkingSetBytes: tryParseQuantity(a[BEHAVIOUR_ANNOTATIONS.memoryWorkingSet]) ?? 32 * 2 ** 20,
    cpuCores: tryParseQuantity(a[BEHAVIOUR_ANNOTATIONS.cpuUsage]) ?? 0.01,
    exitCode: exitCode === undefined || exitCode.trim() === '' ? undefined : number(exitCode, 1),
    exitAfterSeconds: Math.max(0, number(a[BEHAVIOUR_ANNOTATIONS.exitAfterSeconds], 1)),
    exitLog: a[BEHAVIOUR_ANNOTATIONS.exitLog] ?? '',
    requiresEnv: list(a[BEHAVIOUR_ANNOTATIONS.requiresEnv]),
    imageMissing: a[BEHAVIOUR_ANNOTATIONS.imageMissing] === 'true',
    requestRate: Math.max(0, number(a[BEHAVIOUR_ANNOTATIONS.requestRate], 2)),
    errorRatio: Math.min(1, Math.max(0, number(a[BEHAVIOUR_ANNOTATIONS.errorRatio], 0))),
  };
}
