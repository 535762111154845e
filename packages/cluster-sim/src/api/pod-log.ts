/** The pods/log subresource: a container's output, with `container`, `previous`, `tailLines`, `timestamps`, `sinceSeconds`, `limitBytes`. */
import type { Kubelet } from '../controller/kubelet';
import { type ContainerInstance, type ContainerRuntime, currentInstance } from '../controller/pod-runtime';
import type { Pod } from '../kube/types';
import { badRequest } from './status';

export interface LogOptions {
  container?: string;
  previous: boolean;
  tailLines?: number;
  timestamps: boolean;
  sinceSeconds?: number;
  limitBytes?: number;
}

function waitingMessage(reason: string): string {
  if (reason === 'ErrImagePull' || reason === 'ImagePullBackOff') return 'trying and failing to pull image';
  return reason;
}

function instanceFor(container: ContainerRuntime, pod: Pod, previous: boolean): ContainerInstance {
  const name = container.spec.name;
  const current = currentInstance(container);
  const lastTerminated =
    container.state === 'waiting'
      ? current?.finishedAt !== undefined
        ? current
        : undefined
      : container.instances[container.instances.length - 2];
  if (previous) {
    if (!lastTerminated)
      throw badRequest(`previous terminated container "${name}" in pod "${pod.metadata.name}" not found`);
    return lastTerminated;
  }
  if (container.state !== 'waiting' && current) return current;
  if (lastTerminated) return lastTerminated;
  throw badRequest(
    `container "${name}" in pod "${pod.metadata.name}" is waiting to start: ${waitingMessage(container.waiting.reason)}`,
  );
}

export function podLog(kubelet: Kubelet, pod: Pod, options: LogOptions, now: number): string {
  const podName = pod.metadata.name ?? '';
  const names = pod.spec.containers.map((c) => c.name);
  const initNames = (pod.spec.initContainers ?? []).map((c) => c.name);
  let containerName = options.container;
  if (!containerName) {
    if (names.length !== 1) {
      const init = initNames.length ? ` or one of the init containers: [${initNames.join(' ')}]` : '';
      throw badRequest(
        `a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]${init}`,
      );
    }
    containerName = names[0];
  }
  if (!names.includes(containerName ?? '') && !initNames.includes(containerName ?? '')) {
    throw badRequest(`container ${containerName} is not valid for pod ${podName}`);
  }
  const runtime = kubelet.runtimeOf(pod.metadata.uid);
  if (!pod.spec.nodeName) throw badRequest(`pod ${podName} does not have a host assigned`);
  const container = [...(runtime?.containers ?? []), ...(runtime?.initContainers ?? [])].find(
    (c) => c.spec.name === containerName,
  );
  if (!container) {
    throw badRequest(
      `container "${containerName}" in pod "${podName}" is waiting to start: ContainerCreating`,
    );
  }
  let lines = instanceFor(container, pod, options.previous).logs;
  if (options.sinceSeconds !== undefined) {
    const since = now - options.sinceSeconds * 1000;
    lines = lines.filter((line) => line.at >= since);
  }
  if (options.tailLines !== undefined) lines = options.tailLines > 0 ? lines.slice(-options.tailLines) : [];
  let text = lines
    .map(
      (line) =>
        `${options.timestamps ? `${new Date(line.at).toISOString().replace('Z', '000000Z')} ` : ''}${line.text}\n`,
    )
    .join('');
  if (options.limitBytes !== undefined)
    text = Buffer.from(text).subarray(0, options.limitBytes).toString('utf8');
  return text;
}
