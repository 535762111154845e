import type { Finding } from '@aiops/contracts';
import { tryParseQuantity } from '@aiops/contracts';
import type { V1Node, V1PodSpec } from '@kubernetes/client-node';
import { eventText, eventTime, podEvents, type Workload } from '../workload';
import { type Analyzer, resourceOf } from './analyzer';

/** What one pod of the template requests, per resource (init containers run before, so their max counts). */
export function podRequests(spec: V1PodSpec | undefined): Map<string, number> {
  const total = new Map<string, number>();
  for (const c of spec?.containers ?? []) {
    for (const [name, q] of Object.entries(c.resources?.requests ?? {})) {
      total.set(name, (total.get(name) ?? 0) + (tryParseQuantity(q) ?? 0));
    }
  }
  for (const c of spec?.initContainers ?? []) {
    for (const [name, q] of Object.entries(c.resources?.requests ?? {})) {
      total.set(name, Math.max(total.get(name) ?? 0, tryParseQuantity(q) ?? 0));
    }
  }
  return total;
}

export function allocatable(node: V1Node, resource: string): number {
  return tryParseQuantity(node.status?.allocatable?.[resource]) ?? 0;
}

export const COMPUTE_RESOURCES = new Set(['cpu', 'memory']);

/** The pod template asks for more of some resource than any node can allocate at all (not mere contention). */
export function exceedsAllocatable(workload: Workload): boolean {
  const requests = podRequests(workload.deployment.spec?.template.spec);
  return [...requests.entries()].some(
    ([resource, amount]) => !workload.nodes.some((n) => allocatable(n, resource) >= amount),
  );
}

export const resourcesUnschedulable: Analyzer = {
  name: 'resources-unschedulable',
  async analyze(workload) {
    const pending = workload.pods.filter(
      (p) =>
        p.status?.phase === 'Pending' &&
        p.status.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False'),
    );
    if (pending.length === 0) return [];
    const requests = podRequests(workload.deployment.spec?.template.spec);
    const tooBig = [...requests.entries()].filter(
      ([resource, amount]) => !workload.nodes.some((n) => allocatable(n, resource) >= amount),
    );
    const events = pending.flatMap((p) =>
      podEvents(workload, p).filter((e) => e.reason === 'FailedScheduling'),
    );
    const insufficient = new Set<string>(tooBig.map(([r]) => r));
    for (const e of events)
      for (const m of (e.message ?? '').matchAll(/Insufficient ([\w./-]*\w)/g)) insufficient.add(m[1]!);
    if (insufficient.size === 0) return [];
    const extended = [...insufficient].filter((r) => !COMPUTE_RESOURCES.has(r));
    const first = events[0];
    const finding: Finding = {
      category: 'resources-unschedulable',
      resource: resourceOf(workload),
      message:
        extended.length > 0
          ? `pods stay Pending: no node has the ${extended.join(', ')} they request; a person must add capacity or change the request`
          : `pods stay Pending: their ${[...insufficient].join(' and ')} requests fit no node`,
      fixable: extended.length === 0,
      evidence: [
        ...(first
          ? [
              {
                kind: 'event' as const,
                source: `pod/${first.involvedObject.name}`,
                text: eventText(first),
                at: eventTime(first),
              },
            ]
          : []),
        {
          kind: 'spec',
          source: `deployment/${workload.name}`,
          text: `requests per pod: ${[...requests.entries()].map(([r, v]) => `${r}=${v}`).join(', ')}; largest node allocatable: ${[
            ...insufficient,
          ]
            .map((r) => `${r}=${Math.max(0, ...workload.nodes.map((n) => allocatable(n, r)))}`)
            .join(', ')}`,
        },
      ],
    };
    return [finding];
  },
};
