/**
 * The pods/proxy subresource: `GET .../pods/NAME[:PORT]/proxy/PATH` answered as the container would
 * (200 on its http-paths once started, 404 elsewhere), or as the API server does when nothing listens.
 */
import type { Kubelet } from '../controller/kubelet';
import { answerHttp } from '../controller/simulated-app';
import type { Pod } from '../kube/types';
import { ApiError, badRequest, serviceUnavailable } from './status';

export interface ProxyAnswer {
  status: number;
  body: string;
}

/** Splits "[scheme:]name[:port]" as the API server does for pod proxy names. */
export function parseProxyName(raw: string): { scheme: string; name: string; port: number } {
  const parts = raw.split(':');
  let scheme = 'http';
  if (parts.length === 3 || (parts.length === 2 && (parts[0] === 'http' || parts[0] === 'https'))) {
    scheme = parts.shift() ?? 'http';
  }
  const [name = '', port] = parts;
  if (port !== undefined && !/^\d+$/.test(port)) throw badRequest(`invalid port "${port}" in "${raw}"`);
  return { scheme, name, port: port === undefined ? 80 : Number(port) };
}

export function proxyToPod(kubelet: Kubelet, pod: Pod, port: number, path: string, now: number): ProxyAnswer {
  if (!pod.spec.nodeName) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  const runtime = kubelet.runtimeOf(pod.metadata.uid);
  const ip = pod.status?.podIP;
  if (!runtime || !ip) throw serviceUnavailable(`no endpoints available for pod "${pod.metadata.name}"`);
  const answer = answerHttp(kubelet.listening(runtime), port, path, now);
  if (answer.kind === 'refused') {
    throw new ApiError(
      503,
      'ServiceUnavailable',
      `error trying to reach service: dial tcp ${ip}:${port}: connect: connection refused`,
    );
  }
  return { status: answer.status, body: answer.body };
}
