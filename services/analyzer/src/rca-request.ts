import type { RcaData, RcaJob, WorkerAnswer } from '@aiops/contracts';
import { correlateSeries, detectAnomalies, type LabeledSeries } from '@aiops/detection';
import {
  MetricsQueryError,
  type MetricsSource,
  MetricsUnavailableError,
  resolveMetric,
} from '@aiops/metrics';
import {
  type EntityRef,
  type LlmOptions,
  type MetricSeries,
  rankRootCauses,
  renderReport,
  summarizeRanking,
} from '@aiops/rca';

/** About 600 points over the window: enough for detection, far under Prometheus' limit. */
const stepFor = (startMs: number, endMs: number) => Math.max(15, Math.ceil((endMs - startMs) / 1000 / 600));

/** Which workload a series is about, from the labels Kubernetes exporters put on it. */
function entityOf(labels: Record<string, string>, metric: string): EntityRef {
  const namespace = labels.namespace;
  if (labels.deployment) return { kind: 'deployment', namespace, name: labels.deployment };
  if (labels.pod) return { kind: 'pod', namespace, name: labels.pod };
  if (labels.service) return { kind: 'service', namespace, name: labels.service };
  if (labels.node) return { kind: 'node', name: labels.node };
  return { kind: 'service', namespace, name: labels.job ?? labels.instance ?? metric };
}

/**
 * `POST /api/v1/rca` (seed): the named metrics (known names, raw metric names or PromQL) over the window,
 * through detection, correlation and the ranking. Bad PromQL answers 400 with Prometheus' own message.
 */
export async function answerRcaRequest(
  job: RcaJob,
  deps: { source: MetricsSource; threshold: number; llm?: LlmOptions },
): Promise<WorkerAnswer> {
  const step = stepFor(job.startMs, job.endMs);
  const labeled: LabeledSeries[] = [];
  const ranked: MetricSeries[] = [];
  for (const [index, name] of job.metrics.entries()) {
    const resolved = resolveMetric(name, { namespace: job.namespace });
    try {
      for (const s of await deps.source.queryRange(resolved.query, job.startMs, job.endMs, step)) {
        labeled.push({ metric: resolved.name, labels: s.labels, timestamps: s.timestamps, values: s.values });
        ranked.push({
          entity: entityOf(s.labels, resolved.name),
          metric: resolved.name,
          unit: resolved.unit,
          timestamps: s.timestamps,
          values: s.values,
        });
      }
    } catch (error) {
      if (error instanceof MetricsQueryError)
        return { ok: false, status: 400, message: `metrics.${index} (${name}): ${error.message}` };
      if (error instanceof MetricsUnavailableError)
        return { ok: false, status: 503, message: `metrics unavailable: ${error.message}` };
      throw error;
    }
  }
  const anomalies = detectAnomalies(labeled, { threshold: deps.threshold });
  const correlations = correlateSeries(labeled);
  const ranking = rankRootCauses({ series: ranked, anomalies, alertTime: job.endMs });
  const summary = await summarizeRanking(ranking, renderReport(ranking).markdown, deps.llm ?? {});
  const data: RcaData = {
    anomalies,
    correlations,
    root_cause_candidates: ranking.candidates,
    summary: summary.summary,
  };
  return { ok: true, data };
}
