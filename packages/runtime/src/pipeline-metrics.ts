import { STAGES } from '@aiops/contracts';
import type { Redis } from './redis';

type Labels = Record<string, string>;

interface MetricSpec {
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  /**
   * The label sets known up front: /metrics shows each at 0 until it is first recorded, so rate() and
   * alerts work from the start.
   */
  known?: readonly Labels[];
}

/**
 * One label set per pipeline stage: the stage workers record the per-queue metrics. The auxiliary queues
 * (notify-manual, forecast, rca) are left out, since nothing records their jobs, and a series stuck at 0
 * would read as "never fails".
 */
const perStage = (label: string): Labels[] => STAGES.map((stage) => ({ [label]: stage }));

/** Why the ingress refuses a webhook: bad body, bad credentials, body over WEBHOOK_MAX_BYTES. */
export const WEBHOOK_REFUSAL_REASONS = ['invalid', 'unauthorized', 'too_large'] as const;
export type WebhookRefusalReason = (typeof WEBHOOK_REFUSAL_REASONS)[number];

/** Buckets for stage durations, in seconds: stages take milliseconds (no-op) to minutes (fix with verification). */
export const STAGE_DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export const PIPELINE_METRICS = {
  aiops_webhooks_received_total: { help: 'Alertmanager webhooks received', type: 'counter', known: [{}] },
  aiops_webhooks_refused_total: {
    help: 'Webhooks refused, by reason',
    type: 'counter',
    known: WEBHOOK_REFUSAL_REASONS.map((reason) => ({ reason })),
  },
  aiops_incidents_created_total: { help: 'Incidents opened', type: 'counter', known: [{}] },
  aiops_jobs_completed_total: {
    help: 'Jobs completed, per queue',
    type: 'counter',
    known: perStage('queue'),
  },
  aiops_jobs_failed_total: {
    help: 'Jobs failed after their last attempt, per queue',
    type: 'counter',
    known: perStage('queue'),
  },
  aiops_job_retries_total: {
    help: 'Job attempts that failed and will be retried, per queue',
    type: 'counter',
    known: perStage('queue'),
  },
  aiops_stage_duration_seconds: {
    help: 'Time a stage took per job',
    type: 'histogram',
    known: perStage('stage'),
  },
} satisfies Record<string, MetricSpec>;
export type PipelineMetricName = keyof typeof PIPELINE_METRICS;

function series(name: string, labels: Labels): string {
  const parts = Object.entries(labels).map(
    ([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
  );
  return parts.length > 0 ? `${name}{${parts.join(',')}}` : name;
}

/** The series of a metric's known label sets (a histogram's with the default buckets). */
function knownSeries(name: string, spec: MetricSpec): string[] {
  return (spec.known ?? []).flatMap((labels) => {
    if (spec.type !== 'histogram') return [series(name, labels)];
    const bounds = [...STAGE_DURATION_BUCKETS.map(String), '+Inf'];
    return [
      ...bounds.map((le) => series(`${name}_bucket`, { ...labels, le })),
      series(`${name}_count`, labels),
      series(`${name}_sum`, labels),
    ];
  });
}

/**
 * Counters and histograms kept in one Redis hash, so every replica of every service adds to the same figures
 * and any ingress replica can expose them on /metrics. Increments are summed in memory and written about
 * once a second: the hot path (a webhook) costs no extra round trip.
 */
export class PipelineMetrics {
  private readonly key: string;
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly flushIntervalMs = 1000,
  ) {
    this.key = `${prefix}:metrics`;
  }

  inc(name: PipelineMetricName, labels: Labels = {}, by = 1): void {
    this.add(series(name, labels), by);
  }

  observe(name: PipelineMetricName, labels: Labels, value: number, buckets = STAGE_DURATION_BUCKETS): void {
    for (const le of buckets)
      if (value <= le) this.add(series(`${name}_bucket`, { ...labels, le: String(le) }), 1);
    this.add(series(`${name}_bucket`, { ...labels, le: '+Inf' }), 1);
    this.add(series(`${name}_count`, labels), 1);
    this.add(series(`${name}_sum`, labels), value);
  }

  private add(field: string, by: number): void {
    this.pending.set(field, (this.pending.get(field) ?? 0) + by);
    this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs).unref();
  }

  /** Never throws: losing a metric must not fail the work it measures. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const tx = this.redis.multi();
    for (const [field, by] of batch) tx.hincrbyfloat(this.key, field, by);
    await tx.exec().catch(() => undefined);
  }

  /** Prometheus text exposition of every pipeline metric recorded so far, and 0 for known series not yet. */
  async render(): Promise<string> {
    await this.flush();
    const values = await this.redis.hgetall(this.key);
    const lines: string[] = [];
    for (const [name, spec] of Object.entries(PIPELINE_METRICS) as [string, MetricSpec][]) {
      lines.push(`# HELP ${name} ${spec.help}`, `# TYPE ${name} ${spec.type}`);
      const recorded = Object.keys(values).filter(
        (s) => s === name || s.startsWith(`${name}{`) || s.startsWith(`${name}_`),
      );
      const own = [...new Set([...knownSeries(name, spec), ...recorded])].sort(compareSeries);
      for (const s of own) lines.push(`${s} ${Number(values[s] ?? 0)}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
/** Keeps histogram buckets in ascending `le` order, as Prometheus expects. */
function compareSeries(a: string, b: string): number {
  const le = (s: string) => {
    const m = /le="([^"]+)"/.exec(s);
    return m ? (m[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(m[1])) : -1;
  };
  const base = (s: string) => s.replace(/,?le="[^"]+"/, '');
  return base(a).localeCompare(base(b)) || le(a) - le(b);
}
