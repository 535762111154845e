import type { RcaData, RcaJob, WorkerAnswer } from '@aiops/contracts';
import { correlateSeries, detectAnomalies, type LabeledSeries } from '@aiops/detection';
import {
  MetricsQueryError,
  type MetricsSource,
  MetricsUnavailableError,
  PrometheusQueryError,
  type ResolvedMetric,
  resolveMetric,
  UnsupportedQueryError,
} from '@aiops/metrics';
import {
  type EntityRef,
  entityLabels,
  type LlmOptions,
  type MetricSeries,
  rankingAnomalies,
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

/** Why a requested metric could not be queried, naming it by its place in `metrics`. */
function queryErrorMessage(index: number, metric: ResolvedMetric, error: MetricsQueryError): string {
  const field = `metrics.${index}`;
  if (error instanceof UnsupportedQueryError)
    return `${field}: PromQL ${JSON.stringify(metric.name)} cannot run on the embedded metrics source, which takes known metric names and raw metric names only; configure PROMETHEUS_URL to run PromQL`;
  const reason = error instanceof PrometheusQueryError ? error.prometheusError : error.message;
  if (metric.kind === 'promql') return `${field}: invalid PromQL ${JSON.stringify(metric.name)}: ${reason}`;
  return `${field}: the query for ${JSON.stringify(metric.name)} failed: ${reason}`;
}

/** Said after the summary, so that a metric that matched nothing is not mistaken for a healthy one. */
function unmatchedNote(unmatched: readonly string[]): string {
  if (unmatched.length === 0) return '';
  const names = unmatched.map((name) => JSON.stringify(name)).join(', ');
  return ` No series matched ${unmatched.length === 1 ? 'the requested metric' : 'the requested metrics'} ${names}: they were not analyzed.`;
}

/**
 * `POST /api/v1/rca` (seed): the named metrics (known names, raw metric names or PromQL) over the window,
 * through detection, correlation and the ranking. The anomalies answered are those the ranking counted, so
 * they agree with the candidates' evidence and the summary. Bad PromQL answers 400 with Prometheus' own
 * message; a metric that matched no series is named in the summary.
 */
export async function answerRcaRequest(
  job: RcaJob,
  deps: { source: MetricsSource; threshold: number; llm?: LlmOptions },
): Promise<WorkerAnswer> {
  const step = stepFor(job.startMs, job.endMs);
  const labeled: LabeledSeries[] = [];
  const ranked: MetricSeries[] = [];
  const unmatched: string[] = [];
  for (const [index, name] of job.metrics.entries()) {
    const resolved = resolveMetric(name, { namespace: job.namespace });
    try {
      const answer = await deps.source.queryRange(resolved.query, job.startMs, job.endMs, step);
      if (answer.length === 0) unmatched.push(name);
      for (const s of answer) {
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
        return {
          ok: false,
          status: 400,
          message: queryErrorMessage(index, resolved, error),
          field: `metrics.${index}`,
        };
      if (error instanceof MetricsUnavailableError)
        return { ok: false, status: 503, message: `metrics unavailable: ${error.message}` };
      throw error;
    }
  }
  const detected = detectAnomalies(labeled, { threshold: deps.threshold }).map((anomaly) => ({
    ...anomaly,
    labels: entityLabels(entityOf(anomaly.labels, anomaly.metric)),
  }));
  const ranking = rankRootCauses({ series: ranked, anomalies: detected, alertTime: job.endMs });
  const summary = await summarizeRanking(ranking, renderReport(ranking).markdown, deps.llm ?? {});
  const data: RcaData = {
    // What the ranking and its summary counted, detectors' finds included: one account of the window.
    anomalies: rankingAnomalies(ranking),
    correlations: correlateSeries(labeled),
    root_cause_candidates: ranking.candidates,
    summary: `${summary.summary}${unmatchedNote(unmatched)}`,
  };
  return { ok: true, data };
}
