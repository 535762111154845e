/**
 * The default scheduler: binds each pending pod to a node whose allocatable resources (CPU, memory,
 * pods and extended resources such as nvidia.com/gpu), minus the requests of the pods already bound
 * there, fit its requests, and that it may run on (unschedulable, taints, nodeSelector). A pod that
 * fits nowhere gets a FailedScheduling event in the scheduler's words and is retried when capacity
 * changes, or after five minutes.
 */

import { quantityOf, tryParseQuantity } from '@aiops/contracts';
import { resourceTypes } from '../api/resources';
import type { SimClock } from '../clock';
import { formatTime } from '../kube/time';
import type { Condition, Container, Node, Pod } from '../kube/types';
import type { ObjectStore, StoreEvent } from '../store/object-store';
import type { EventRecorder } from './event-recorder';

const SOURCE = { component: 'default-scheduler' };
const UNSCHEDULABLE_RETRY_MS = 5 * 60_000;

/** `resolvable`: freeing resources could help (so preemption looks for victims). */
type NodeVerdict = { fits: true } | { fits: false; reasons: string[]; resolvable: boolean };

/** What a pod asks for: per resource, the larger of its containers' sum and any init container. */
export function podRequests(pod: Pod): Map<string, number> {
  const total = new Map<string, number>();
  const add = (container: Container, into: Map<string, number>) => {
    for (const [name, value] of Object.entries(container.resources?.requests ?? {})) {
      into.set(name, (into.get(name) ?? 0) + (tryParseQuantity(value) ?? 0));
    }
  };
  for (const container of pod.spec.containers) add(container, total);
  for (const init of pod.spec.initContainers ?? []) {
    const single = new Map<string, number>();
    add(init, single);
    for (const [name, value] of single) total.set(name, Math.max(total.get(name) ?? 0, value));
  }
  return total;
}

function isActiveOnNode(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

export class Scheduler {
  private readonly retryAt = new Map<string, { at: number; capacity: number }>();
  private capacityVersion = 0;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
    private readonly events: EventRecorder,
    private readonly requestSyncAt: (at: number) => void,
  ) {
    store.subscribe((event) => this.observe(event));
  }

  sync(): void {
    const pods = this.store.list(resourceTypes.pods) as Pod[];
    const pending = pods
      .filter(
        (p) =>
          !p.spec.nodeName &&
          !p.metadata.deletionTimestamp &&
          (p.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler',
      )
      .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''));
    const waiting = new Set(pending.map((p) => p.metadata.uid ?? ''));
    for (const uid of this.retryAt.keys()) if (!waiting.has(uid)) this.retryAt.delete(uid);
    if (pending.length === 0) return;
    const now = this.clock.now();
    for (const pod of pending) {
      const uid = pod.metadata.uid ?? '';
      const retry = this.retryAt.get(uid);
      if (retry && now < retry.at && retry.capacity === this.capacityVersion) continue;
      this.schedule(pod, now);
    }
  }

  reset(): void {
    this.retryAt.clear();
  }

  private observe(event: StoreEvent): void {
    if (event.resource === resourceTypes.nodes) this.capacityVersion++;
    if (
      event.resource === resourceTypes.pods &&
      event.type === 'DELETED' &&
      (event.object as Pod).spec.nodeName
    ) {
      this.capacityVersion++;
    }
  }

  private schedule(pod: Pod, now: number): void {
    const nodes = this.store.list(resourceTypes.nodes) as Node[];
    const bound = (this.store.list(resourceTypes.pods) as Pod[]).filter(
      (p) => p.spec.nodeName && isActiveOnNode(p),
    );
    const requests = podRequests(pod);
    const verdicts = nodes.map((node) => ({
      node,
      verdict: this.evaluate(
        pod,
        requests,
        node,
        bound.filter((p) => p.spec.nodeName === node.metadata.name),
      ),
    }));
    const fitting = verdicts.filter((v) => v.verdict.fits).map((v) => v.node);
    const uid = pod.metadata.uid ?? '';
    if (fitting.length > 0) {
      const chosen = this.leastAllocated(fitting, bound);
      const name = chosen.metadata.name ?? '';
      this.retryAt.delete(uid);
      const updated = this.store.update(resourceTypes.pods, {
        ...pod,
        spec: { ...pod.spec, nodeName: name },
        status: {
          ...pod.status,
          conditions: withCondition(pod, {
            type: 'PodScheduled',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: formatTime(now),
          }),
        },
      });
      this.events.record(
        updated,
        'Normal',
        'Scheduled',
        `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${name}`,
        SOURCE,
      );
      return;
    }
    const message = failureMessage(
      nodes.length,
      verdicts.map((v) => v.verdict),
    );
    const updated = this.store.update(resourceTypes.pods, {
      ...pod,
      status: {
        ...pod.status,
        phase: 'Pending',
        conditions: withCondition(pod, {
          type: 'PodScheduled',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: formatTime(now),
          reason: 'Unschedulable',
          message,
        }),
      },
    });
    this.events.record(updated, 'Warning', 'FailedScheduling', message, SOURCE);
    const at = now + UNSCHEDULABLE_RETRY_MS;
    this.retryAt.set(uid, { at, capacity: this.capacityVersion });
    this.requestSyncAt(at);
  }

  private evaluate(pod: Pod, requests: Map<string, number>, node: Node, podsOnNode: Pod[]): NodeVerdict {
    if (node.spec?.unschedulable)
      return { fits: false, reasons: ['node(s) were unschedulable'], resolvable: false };
    const untolerated = (node.spec?.taints ?? []).find(
      (taint) =>
        (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') &&
        !(pod.spec.tolerations ?? []).some(
          (t) =>
            (t.operator === 'Exists' && (!t.key || t.key === taint.key)) ||
            (t.key === taint.key && (t.value ?? '') === (taint.value ?? '')),
        ),
    );
    if (untolerated) {
      const shown = untolerated.value ? `${untolerated.key}: ${untolerated.value}` : untolerated.key;
      return { fits: false, reasons: [`node(s) had untolerated taint {${shown}}`], resolvable: false };
    }
    const labels = node.metadata.labels ?? {};
    if (Object.entries(pod.spec.nodeSelector ?? {}).some(([k, v]) => labels[k] !== v)) {
      return {
        fits: false,
        reasons: ["node(s) didn't match Pod's node affinity/selector"],
        resolvable: false,
      };
    }
    const allocatable = node.status?.allocatable ?? {};
    const reasons: string[] = [];
    if (podsOnNode.length + 1 > (tryParseQuantity(allocatable.pods) ?? 110)) reasons.push('Too many pods');
    for (const [resource, amount] of requests) {
      if (amount <= 0) continue;
      const capacity = quantityOf(allocatable, resource);
      const used = podsOnNode.reduce((sum, p) => sum + (podRequests(p).get(resource) ?? 0), 0);
      if (used + amount > capacity + 1e-9) {
        reasons.push(`Insufficient ${resource}`);
      }
    }
    if (reasons.length === 0) return { fits: true };
    return { fits: false, reasons, resolvable: true };
  }

  /** Spreads pods: the node with the smallest share of its CPU and memory requested. */
  private leastAllocated(nodes: Node[], bound: Pod[]): Node {
    const share = (node: Node) => {
      const allocatable = node.status?.allocatable ?? {};
      const onNode = bound.filter((p) => p.spec.nodeName === node.metadata.name);
      let total = 0;
      for (const resource of ['cpu', 'memory']) {
        const used = onNode.reduce((sum, p) => sum + (podRequests(p).get(resource) ?? 0), 0);
        total += used / (quantityOf(allocatable, resource) || 1);
      }
      return total;
    };
    return [...nodes].sort((a, b) => share(a) - share(b))[0]!;
  }
}

function withCondition(pod: Pod, condition: Condition): Condition[] {
  const others = (pod.status?.conditions ?? []).filter((c) => c.type !== condition.type);
  const previous = pod.status?.conditions?.find((c) => c.type === condition.type);
  const kept =
    previous && previous.status === condition.status
      ? { ...condition, lastTransitionTime: previous.lastTransitionTime }
      : condition;
  return [...others, kept];
}

/** "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: ..." */
function failureMessage(nodeCount: number, verdicts: NodeVerdict[]): string {
  if (nodeCount === 0) return 'no nodes available to schedule pods';
  const counts = new Map<string, number>();
  const preemption = new Map<string, number>();
  for (const verdict of verdicts) {
    if (verdict.fits) continue;
    for (const reason of verdict.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    const outcome = verdict.resolvable
      ? 'No preemption victims found for incoming pod'
      : 'Preemption is not helpful for scheduling';
    preemption.set(outcome, (preemption.get(outcome) ?? 0) + 1);
  }
  const summary = (map: Map<string, number>) =>
    [...map]
      .map(([reason, count]) => `${count} ${reason}`)
      .sort()
      .join(', ');
  return `0/${nodeCount} nodes are available: ${summary(counts)}. preemption: 0/${nodeCount} nodes are available: ${summary(preemption)}.`;
}
