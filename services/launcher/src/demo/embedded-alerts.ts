import { createHash } from 'node:crypto';
import type { Alert, AlertmanagerWebhook } from '@aiops/contracts';
import { type Cluster, readWorkload } from '@aiops/kube';

/** One alert condition seen on a workload, labelled as the Prometheus rules in infra/ would label it. */
interface Condition {
  labels: Record<string, string>;
  summary: string;
}

/** What a group (a Deployment) has fired, by alert fingerprint. */
type Group = Map<string, Alert>;

const fingerprintOf = (labels: Record<string, string>) =>
  createHash('sha256')
    .update(JSON.stringify(Object.entries(labels).sort()))
    .digest('hex')
    .slice(0, 16);

/**
 * The demo's stand-in for Prometheus and Alertmanager: reads the cluster every few seconds and, per Deployment
 * (Alertmanager's `group_by: [namespace, deployment]`), posts version 4 webhooks for crash loops, OOM kills and
 * missing ready replicas once they have held for `forSeconds`, and again once they have been gone for
 * `resolveAfterSeconds`.
 */
export class EmbeddedAlerts {
  private readonly pending = new Map<string, number>();
  private readonly lastSeen = new Map<string, number>();
  private readonly groups = new Map<string, Group>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      cluster: Cluster;
      namespaces: string[];
      webhookUrl: string;
      token: string;
      forSeconds: number;
      /** A condition must be gone this long before its alert resolves (rules use max_over_time for this). */
      resolveAfterSeconds: number;
      intervalMs: number;
      onError?(error: unknown): void;
    },
  ) {}

  start(): void {
    const tick = async () => {
      try {
        await this.evaluate();
      } catch (error) {
        this.options.onError?.(error);
      }
      this.timer = setTimeout(tick, this.options.intervalMs);
    };
    void tick();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private async conditionsOf(namespace: string, name: string): Promise<Condition[]> {
    const workload = await readWorkload(this.options.cluster, namespace, name);
    if (!workload) return [];
    const found: Condition[] = [];
    const d = workload.deployment;
    if ((d.status?.availableReplicas ?? 0) < (d.spec?.replicas ?? 1)) {
      found.push({
        labels: {
          alertname: 'KubeDeploymentReplicasMismatch',
          severity: 'warning',
          namespace,
          deployment: name,
        },
        summary: 'Deployment has not matched the expected number of replicas.',
      });
    }
    for (const pod of workload.pods) {
      for (const status of pod.status?.containerStatuses ?? []) {
        const labels = {
          severity: 'warning',
          namespace,
          pod: pod.metadata?.name ?? '',
          container: status.name,
        };
        if (status.state?.waiting?.reason === 'CrashLoopBackOff') {
          found.push({
            labels: { alertname: 'KubePodCrashLooping', ...labels },
            summary: 'Pod is crash looping.',
          });
        }
        if (status.lastState?.terminated?.reason === 'OOMKilled') {
          found.push({
            labels: { alertname: 'KubeContainerOOMKilled', ...labels },
            summary: 'Container was OOMKilled.',
          });
        }
      }
    }
    return found;
  }

  private async evaluate(): Promise<void> {
    const now = Date.now();
    const seenNow = new Set<string>();
    for (const namespace of this.options.namespaces) {
      for (const d of await this.options.cluster.listDeployments(namespace)) {
        const name = d.metadata?.name ?? '';
        const groupKey = `{}:{deployment="${name}", namespace="${namespace}"}`;
        const group: Group = this.groups.get(groupKey) ?? new Map();
        let changed = false;
        const current = new Set<string>();
        for (const condition of await this.conditionsOf(namespace, name)) {
          const fingerprint = fingerprintOf(condition.labels);
          current.add(fingerprint);
          seenNow.add(fingerprint);
          this.lastSeen.set(fingerprint, now);
          const since = this.pending.get(fingerprint) ?? now;
          this.pending.set(fingerprint, since);
          if (now - since < this.options.forSeconds * 1000 || group.get(fingerprint)?.status === 'firing')
            continue;
          group.set(fingerprint, {
            status: 'firing',
            labels: condition.labels,
            annotations: { summary: condition.summary },
            startsAt: new Date(since).toISOString(),
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: '',
            fingerprint,
          });
          changed = true;
        }
        for (const [fingerprint, alert] of group) {
          if (current.has(fingerprint) || alert.status === 'resolved') continue;
          if (now - (this.lastSeen.get(fingerprint) ?? 0) < this.options.resolveAfterSeconds * 1000) continue;
          this.pending.delete(fingerprint);
          group.set(fingerprint, { ...alert, status: 'resolved', endsAt: new Date(now).toISOString() });
          changed = true;
        }
        this.groups.set(groupKey, group);
        if (changed) await this.post(groupKey, namespace, name, [...group.values()]);
      }
    }
    // A condition that went away before it fired starts its `for` afresh when it comes back.
    for (const fingerprint of this.pending.keys()) {
      const fired = [...this.groups.values()].some((g) => g.get(fingerprint)?.status === 'firing');
      if (!seenNow.has(fingerprint) && !fired) this.pending.delete(fingerprint);
    }
  }

  private async post(
    groupKey: string,
    namespace: string,
    deployment: string,
    alerts: Alert[],
  ): Promise<void> {
    const webhook: AlertmanagerWebhook = {
      version: '4',
      groupKey,
      truncatedAlerts: 0,
      status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
      receiver: 'aiops-demo',
      groupLabels: { namespace, deployment },
      commonLabels: { namespace },
      commonAnnotations: {},
      externalURL: 'embedded',
      alerts,
    };
    const res = await fetch(this.options.webhookUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(webhook),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  }
}
