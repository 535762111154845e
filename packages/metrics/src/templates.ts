import type { Target } from '@aiops/contracts';
import type { LabelMatcher, QueryTemplate } from './promql/query-template';
import { renderPromql } from './promql/render';
import { type TargetScope, targetScope } from './target-scope';

export type TemplateId =
  | 'cpu'
  | 'memory'
  | 'restarts'
  | 'ready'
  | 'unavailable_replicas'
  | 'request_rate'
  | 'error_rate'
  | 'latency_p90';

/** A metric related to a target: what it is, its main metric name, its unit, and the query in both forms. */
export interface MetricTemplate {
  id: TemplateId;
  metric: string;
  unit: string;
  query: QueryTemplate;
  promql: string;
}

export interface TemplateOptions {
  /** Window of rate(), increase() and the latency quantile. */
  rateWindowSeconds?: number;
}

export const DEFAULT_RATE_WINDOW_SECONDS = 120;

/** The metrics to look at for an incident target, as queries over standard cAdvisor, kube-state-metrics and HTTP metrics. */
export function templatesFor(target: Target, options: TemplateOptions = {}): MetricTemplate[] {
  return templatesForScope(targetScope(target), options);
}

export function templatesForScope(scope: TargetScope, options: TemplateOptions = {}): MetricTemplate[] {
  const window = options.rateWindowSeconds ?? DEFAULT_RATE_WINDOW_SECONDS;
  const queries = scope.level === 'node' ? nodeQueries(scope.node, window) : podQueries(scope, window);
  return queries.map((t) => ({ ...t, promql: renderPromql(t.query) }));
}

// cAdvisor also reports the pod's own cgroup (container="") and the pause container (container="POD").
const CONTAINERS_ONLY: LabelMatcher[] = [
  { label: 'container', op: '!=', value: '' },
  { label: 'container', op: '!=', value: 'POD' },
];

type Unrendered = Omit<MetricTemplate, 'promql'>;

function podQueries(scope: Extract<TargetScope, { level: 'pods' }>, window: number): Unrendered[] {
  const perContainer = [...scope.pods, ...CONTAINERS_ONLY, ...scope.container];
  // Pod-level series have no container label to break down by.
  const byPod = scope.by.filter((l) => l !== 'container');
  const requests = { metric: 'http_requests_total', matchers: scope.pods };
  const requestRate: QueryTemplate = {
    fn: 'rate',
    selector: requests,
    windowSeconds: window,
    aggregate: 'sum',
    by: byPod,
  };
  const templates: Unrendered[] = [
    {
      id: 'cpu',
      metric: 'container_cpu_usage_seconds_total',
      unit: 'cores',
      query: {
        fn: 'rate',
        selector: { metric: 'container_cpu_usage_seconds_total', matchers: perContainer },
        windowSeconds: window,
        aggregate: 'sum',
        by: scope.by,
      },
    },
    {
      id: 'memory',
      metric: 'container_memory_working_set_bytes',
      unit: 'bytes',
      query: {
        fn: 'gauge',
        selector: { metric: 'container_memory_working_set_bytes', matchers: perContainer },
        aggregate: 'sum',
        by: scope.by,
      },
    },
    {
      id: 'restarts',
      metric: 'kube_pod_container_status_restarts_total',
      unit: 'restarts',
      query: {
        fn: 'increase',
        selector: {
          metric: 'kube_pod_container_status_restarts_total',
          matchers: [...scope.pods, ...scope.container],
        },
        windowSeconds: window,
        aggregate: 'sum',
        by: scope.by,
      },
    },
    {
      id: 'ready',
      metric: 'kube_pod_status_ready',
      unit: 'pods',
      query: {
        fn: 'gauge',
        selector: {
          metric: 'kube_pod_status_ready',
          matchers: [...scope.pods, { label: 'condition', op: '=', value: 'true' }],
        },
        aggregate: 'sum',
        by: byPod,
      },
    },
  ];
  if (scope.workload) templates.push(unavailableReplicas(scope.workload));
  templates.push(
    { id: 'request_rate', metric: 'http_requests_total', unit: 'requests/s', query: requestRate },
    {
      id: 'error_rate',
      metric: 'http_requests_total',
      unit: 'ratio',
      query: {
        fn: 'ratio',
        numerator: {
          ...requestRate,
          selector: { ...requests, matchers: [...scope.pods, { label: 'code', op: '=~', value: '5..' }] },
        },
        denominator: requestRate,
        zeroWhenNumeratorMissing: true,
      },
    },
    {
      id: 'latency_p90',
      metric: 'http_request_duration_seconds',
      unit: 'seconds',
      query: {
        fn: 'quantile',
        quantile: 0.9,
        selector: { metric: 'http_request_duration_seconds_bucket', matchers: scope.pods },
        windowSeconds: window,
        by: byPod,
      },
    },
  );
  return templates;
}

function unavailableReplicas(
  workload: NonNullable<Extract<TargetScope, { level: 'pods' }>['workload']>,
): Unrendered {
  const metric =
    workload.kind === 'deployment'
      ? 'kube_deployment_status_replicas_unavailable'
      : 'kube_daemonset_status_number_unavailable';
  const matchers: LabelMatcher[] = [
    ...(workload.namespace ? [{ label: 'namespace', op: '=' as const, value: workload.namespace }] : []),
    { label: workload.kind, op: '=', value: workload.name },
  ];
  return {
    id: 'unavailable_replicas',
    metric,
    unit: 'replicas',
    query: {
      fn: 'gauge',
      selector: { metric, matchers },
      aggregate: 'sum',
      by: ['namespace', workload.kind],
    },
  };
}

function nodeQueries(node: string, window: number): Unrendered[] {
  const onNode: LabelMatcher[] = [{ label: 'node', op: '=', value: node }];
  return [
    {
      id: 'cpu',
      metric: 'container_cpu_usage_seconds_total',
      unit: 'cores',
      query: {
        fn: 'rate',
        selector: { metric: 'container_cpu_usage_seconds_total', matchers: [...onNode, ...CONTAINERS_ONLY] },
        windowSeconds: window,
        aggregate: 'sum',
        by: ['node'],
      },
    },
    {
      id: 'memory',
      metric: 'container_memory_working_set_bytes',
      unit: 'bytes',
      query: {
        fn: 'gauge',
        selector: { metric: 'container_memory_working_set_bytes', matchers: [...onNode, ...CONTAINERS_ONLY] },
        aggregate: 'sum',
        by: ['node'],
      },
    },
    {
      id: 'ready',
      metric: 'kube_node_status_condition',
      unit: 'nodes',
      query: {
        fn: 'gauge',
        selector: {
          metric: 'kube_node_status_condition',
          matchers: [
            ...onNode,
            { label: 'condition', op: '=', value: 'Ready' },
            { label: 'status', op: '=', value: 'true' },
          ],
        },
        aggregate: 'sum',
        by: ['node'],
      },
    },
  ];
}
