import { isMetricName } from './promql/escape';
import type { LabelMatcher, QueryTemplate } from './promql/query-template';
import { renderPromql } from './promql/render';
import type { MetricQuery } from './series';
import { type TemplateOptions, templatesForScope } from './templates';

/**
 * A metric named in an API request, resolved to a query:
 * - known: a catalogue name (`cpu`, `memory`, ... or a standard metric name such as `container_cpu_usage_seconds_total`),
 *   per pod, in the request's namespace when it gives one;
 * - metric: any other bare metric name, its raw series (in the namespace when given);
 * - promql: anything else, passed to Prometheus as it is.
 */
export interface ResolvedMetric {
  name: string;
  kind: 'known' | 'metric' | 'promql';
  query: MetricQuery;
  promql: string;
  unit?: string;
}

export interface CatalogueOptions extends TemplateOptions {
  namespace?: string;
}

function catalogue(options: CatalogueOptions): Map<string, { query: QueryTemplate; unit: string }> {
  const inNamespace: LabelMatcher[] = options.namespace
    ? [{ label: 'namespace', op: '=', value: options.namespace }]
    : [];
  const entries = new Map<string, { query: QueryTemplate; unit: string }>();
  const perPod = templatesForScope(
    { level: 'pods', pods: inNamespace, container: [], by: ['namespace', 'pod'] },
    options,
  );
  for (const t of perPod) {
    entries.set(t.id, t);
    if (!entries.has(t.metric)) entries.set(t.metric, t);
    if (t.query.fn === 'quantile') entries.set(t.query.selector.metric, t);
  }
  const unavailable = {
    unit: 'replicas',
    query: {
      fn: 'gauge',
      selector: { metric: 'kube_deployment_status_replicas_unavailable', matchers: inNamespace },
      aggregate: 'sum',
      by: ['namespace', 'deployment'],
    },
  } satisfies { query: QueryTemplate; unit: string };
  entries.set('unavailable_replicas', unavailable);
  entries.set('kube_deployment_status_replicas_unavailable', unavailable);
  return entries;
}

/** The names the RCA API knows besides PromQL. */
export const KNOWN_METRIC_NAMES: readonly string[] = [...catalogue({}).keys()];

export function isKnownMetricName(name: string): boolean {
  return KNOWN_METRIC_NAMES.includes(name);
}

/** Resolves a name from an API request: a known name, a bare metric name, or else PromQL. */
export function resolveMetric(name: string, options: CatalogueOptions = {}): ResolvedMetric {
  const known = catalogue(options).get(name);
  if (known)
    return { name, kind: 'known', query: known.query, promql: renderPromql(known.query), unit: known.unit };
  if (isMetricName(name)) {
    const matchers: LabelMatcher[] = options.namespace
      ? [{ label: 'namespace', op: '=', value: options.namespace }]
      : [];
    const query: QueryTemplate = { fn: 'select', selector: { metric: name, matchers } };
    return { name, kind: 'metric', query, promql: renderPromql(query) };
  }
  return { name, kind: 'promql', query: name, promql: name };
}
