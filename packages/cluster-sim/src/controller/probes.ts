/** Runs a container's httpGet/tcpSocket/exec/grpc probe against the simulated app, with the kubelet's messages. */
import type { Container, Probe } from '../kube/types';
import { acceptsTcp, answerHttp, type ListeningContainer } from './simulated-app';

export type ProbeKind = 'readiness' | 'liveness' | 'startup';

export interface ProbeResult {
  ok: boolean;
  /** The kubelet's output; the Unhealthy event says "<Kind> probe failed: <output>" (or "errored"). */
  output: string;
  errored: boolean;
  /** The request line the app would log, when it answered over HTTP. */
  access?: { path: string; status: number };
}

/** Resolves a probe port (a number, a numeric string, or a containerPort name). */
function resolvePort(port: number | string | undefined, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (port === undefined) return undefined;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

export function runProbe(
  probe: Probe,
  container: Container,
  podIp: string,
  listening: ListeningContainer[],
  now: number,
): ProbeResult {
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, container);
    if (port === undefined) {
      return {
        ok: false,
        errored: true,
        output: `couldn't find port: ${probe.httpGet.port} in ${container.name}`,
      };
    }
    const path = probe.httpGet.path || '/';
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const url = `${scheme}://${podIp}:${port}${path.startsWith('/') ? path : `/${path}`}`;
    const answer = answerHttp(listening, port, path, now);
    if (answer.kind === 'refused') {
      return {
        ok: false,
        errored: false,
        output: `Get "${url}": dial tcp ${podIp}:${port}: connect: connection refused`,
      };
    }
    if (answer.responseMs > (probe.timeoutSeconds ?? 1) * 1000) {
      return {
        ok: false,
        errored: false,
        output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
        access: { path, status: answer.status },
      };
    }
    const ok = answer.status >= 200 && answer.status < 400;
    return {
      ok,
      errored: false,
      output: ok ? '' : `HTTP probe failed with statuscode: ${answer.status}`,
      access: { path, status: answer.status },
    };
  }
  if (probe.tcpSocket || probe.grpc) {
    const port = resolvePort(probe.tcpSocket?.port ?? probe.grpc?.port, container);
    if (port === undefined)
      return { ok: false, errored: true, output: `couldn't find port in ${container.name}` };
    if (acceptsTcp(listening, port, now)) return { ok: true, errored: false, output: '' };
    return probe.grpc
      ? {
          ok: false,
          errored: false,
          output: `timeout: failed to connect service "${podIp}:${port}" within 1s: context deadline exceeded`,
        }
      : { ok: false, errored: false, output: `dial tcp ${podIp}:${port}: connect: connection refused` };
  }
  return { ok: true, errored: false, output: '' };
}
