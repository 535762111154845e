import type { Incident } from '@aiops/contracts';
import type { Cluster } from '@aiops/kube';
import { MetricsQueryError, type MetricsSource, MetricsUnavailableError, templatesFor } from '@aiops/metrics';
import { callEdgesFromRequestLabels, type MetricSeries, type RankingInput } from '@aiops/rca';
import { readClusterScope } from './cluster-evidence';

/** The ranking's metric names for the metrics package's template ids. */
const METRIC_NAMES: Record<string, string> = {
  cpu: 'cpu',
  memory: 'mem',
  restarts: 'restarts',
  ready: 'ready',
  unavailable_replicas: 'unavailable',
  request_rate: 'rps',
  error_rate: 'error',
  latency_p90: 'latency-90',
};

/**
 * Everything the ranking reads about an incident: the target's namespace from the cluster (when one is
 * configured), each Deployment's metrics around the alert, and the detect stage's anomalies.
 */
export async function buildRankingInput(options: {
  incident: Incident;
  cluster?: Cluster;
  source: MetricsSource;
  window: { start: number; end: number };
  stepSeconds: number;
}): Promise<RankingInput> {
  const { incident, source, window } = options;
  const namespace = incident.target.namespace;
  const alertTime = Math.min(
    ...incident.alerts.map((a) => Date.parse(a.startsAt)),
    Date.parse(incident.createdAt),
  );
  const scope = options.cluster && namespace ? await readClusterScope(options.cluster, namespace) : undefined;
  const deploymentNames =
    scope?.deployments.map((d) => d.metadata?.name ?? '') ??
    (incident.target.kind === 'deployment' && incident.target.name ? [incident.target.name] : []);
  const series: MetricSeries[] = [];
  const requestLabels: Record<string, string>[] = [];
  // With the metrics source down, the ranking goes on with the cluster's evidence alone.
  let metricsDown = false;
  for (const name of deploymentNames) {
    for (const template of templatesFor({ kind: 'deployment', namespace, name })) {
      if (metricsDown) break;
      try {
        const answer = await source.queryRange(template.query, window.start, window.end, options.stepSeconds);
        for (const s of answer) {
          if (template.id === 'request_rate') requestLabels.push(s.labels);
          const pod = s.labels.pod;
          series.push({
            entity: pod ? { kind: 'pod', namespace, name: pod } : { kind: 'deployment', namespace, name },
            metric: METRIC_NAMES[template.id] ?? template.id,
            unit: template.unit,
            timestamps: s.timestamps,
            values: s.values,
          });
        }
      } catch (error) {
        if (error instanceof MetricsUnavailableError) metricsDown = true;
        else if (!(error instanceof MetricsQueryError)) throw error;
      }
    }
  }
  return {
    entities: scope?.entities ?? [],
    series,
    edges: [...(scope?.edges ?? []), ...callEdgesFromRequestLabels(requestLabels)],
    events: scope?.events ?? [],
    alertTime,
    anomalies: incident.anomalies ?? [],
  };
}
