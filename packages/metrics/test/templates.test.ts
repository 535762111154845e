import { describe, expect, it } from 'vitest';
import { isKnownMetricName, KNOWN_METRIC_NAMES, resolveMetric } from '../src/catalogue';
import { escapeRegex, quoteLabelValue } from '../src/promql/escape';
import { renderPromql } from '../src/promql/render';
import { templatesFor } from '../src/templates';

const promqlById = (target: Parameters<typeof templatesFor>[0]) =>
  Object.fromEntries(templatesFor(target).map((t) => [t.id, t.promql]));

describe('templates for a target', () => {
  it('renders a deployment’s metrics over its pods', () => {
    const pods = 'namespace="shop", pod=~"web-[a-z0-9]+-[a-z0-9]+"';
    expect(promqlById({ kind: 'deployment', namespace: 'shop', name: 'web' })).toEqual({
      cpu: `sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{${pods}, container!="", container!="POD"}[120s]))`,
      memory: `sum by (namespace, pod) (container_memory_working_set_bytes{${pods}, container!="", container!="POD"})`,
      restarts: `sum by (namespace, pod) (increase(kube_pod_container_status_restarts_total{${pods}}[120s]))`,
      ready: `sum by (namespace, pod) (kube_pod_status_ready{${pods}, condition="true"})`,
      unavailable_replicas:
        'sum by (namespace, deployment) (kube_deployment_status_replicas_unavailable{namespace="shop", deployment="web"})',
      request_rate: `sum by (namespace, pod) (rate(http_requests_total{${pods}}[120s]))`,
      error_rate: `((sum by (namespace, pod) (rate(http_requests_total{${pods}, code=~"5.."}[120s]))) or ((sum by (namespace, pod) (rate(http_requests_total{${pods}}[120s]))) * 0)) / (sum by (namespace, pod) (rate(http_requests_total{${pods}}[120s])))`,
      latency_p90: `histogram_quantile(0.9, sum by (le, namespace, pod) (rate(http_request_duration_seconds_bucket{${pods}}[120s])))`,
    });
  });

  it('breaks a container target down by container where the metric has one', () => {
    const promql = promqlById({ kind: 'pod', namespace: 'shop', pod: 'web-1', container: 'app' });
    expect(promql.cpu).toBe(
      'sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{namespace="shop", pod="web-1", container!="", container!="POD", container="app"}[120s]))',
    );
    expect(promql.ready).toBe(
      'sum by (namespace, pod) (kube_pod_status_ready{namespace="shop", pod="web-1", condition="true"})',
    );
    expect(promql.unavailable_replicas).toBeUndefined();
  });

  it('matches pods of statefulsets, daemonsets and services by their naming', () => {
    expect(promqlById({ kind: 'statefulset', namespace: 'db', name: 'pg' }).ready).toContain(
      'pod=~"pg-[0-9]+"',
    );
    expect(
      promqlById({ kind: 'daemonset', namespace: 'kube-system', name: 'proxy' }).unavailable_replicas,
    ).toBe(
      'sum by (namespace, daemonset) (kube_daemonset_status_number_unavailable{namespace="kube-system", daemonset="proxy"})',
    );
    expect(promqlById({ kind: 'service', namespace: 'shop', name: 'web' }).ready).toContain('pod=~"web-.+"');
  });

  it('renders node metrics by node, and namespace and cluster targets by pod and namespace', () => {
    expect(promqlById({ kind: 'node', name: 'node-1' })).toEqual({
      cpu: 'sum by (node) (rate(container_cpu_usage_seconds_total{node="node-1", container!="", container!="POD"}[120s]))',
      memory:
        'sum by (node) (container_memory_working_set_bytes{node="node-1", container!="", container!="POD"})',
      ready: 'sum by (node) (kube_node_status_condition{node="node-1", condition="Ready", status="true"})',
    });
    expect(promqlById({ kind: 'namespace', name: 'shop' }).memory).toBe(
      'sum by (namespace, pod) (container_memory_working_set_bytes{namespace="shop", container!="", container!="POD"})',
    );
    expect(promqlById({ kind: 'cluster' }).memory).toBe(
      'sum by (namespace) (container_memory_working_set_bytes{container!="", container!="POD"})',
    );
    expect(promqlById({ kind: 'deployment', namespace: 'shop' }).ready).toBe(
      'sum by (namespace, pod) (kube_pod_status_ready{namespace="shop", condition="true"})',
    );
  });

  it('takes the rate window from the options', () => {
    const [cpu] = templatesFor({ kind: 'pod', pod: 'p' }, { rateWindowSeconds: 1.5 });
    expect(cpu?.promql).toContain('[1500ms]');
    expect(cpu).toMatchObject({ id: 'cpu', metric: 'container_cpu_usage_seconds_total', unit: 'cores' });
  });
});

describe('escaping', () => {
  it('quotes label values so that they stay one string', () => {
    expect(quoteLabelValue('a"b\\c\nd\te')).toBe('"a\\"b\\\\c\\nd\\te"');
    expect(promqlById({ kind: 'pod', namespace: 'x"} or vector(1) #', pod: 'p' }).ready).toBe(
      'sum by (namespace, pod) (kube_pod_status_ready{namespace="x\\"} or vector(1) #", pod="p", condition="true"})',
    );
  });

  it('escapes regular-expression metacharacters in workload names', () => {
    expect(escapeRegex('my.app+(v2)|[x]{1}^$*?\\')).toBe(
      'my\\.app\\+\\(v2\\)\\|\\[x\\]\\{1\\}\\^\\$\\*\\?\\\\',
    );
    expect(promqlById({ kind: 'deployment', name: 'my.app' }).ready).toContain(
      'pod=~"my\\\\.app-[a-z0-9]+-[a-z0-9]+"',
    );
  });

  it('refuses names that are not metric or label names', () => {
    expect(() =>
      renderPromql({ fn: 'select', selector: { metric: 'up or vector(1)', matchers: [] } }),
    ).toThrow('not a metric name');
    expect(() =>
      renderPromql({
        fn: 'select',
        selector: { metric: 'up', matchers: [{ label: 'a-b', op: '=', value: '' }] },
      }),
    ).toThrow('not a label name');
    expect(() =>
      renderPromql({ fn: 'gauge', selector: { metric: 'up', matchers: [] }, aggregate: 'sum', by: ['x)'] }),
    ).toThrow('not a label name');
  });
});

describe('the catalogue of metric names for the RCA API', () => {
  it('knows the template ids and the standard metric names', () => {
    for (const name of [
      'cpu',
      'memory',
      'restarts',
      'ready',
      'unavailable_replicas',
      'request_rate',
      'error_rate',
      'latency_p90',
      'container_cpu_usage_seconds_total',
      'container_memory_working_set_bytes',
      'kube_pod_container_status_restarts_total',
      'kube_pod_status_ready',
      'kube_deployment_status_replicas_unavailable',
      'http_requests_total',
      'http_request_duration_seconds_bucket',
    ]) {
      expect(isKnownMetricName(name), name).toBe(true);
    }
    expect(isKnownMetricName('rate(up[5m])')).toBe(false);
    expect(new Set(KNOWN_METRIC_NAMES).size).toBe(KNOWN_METRIC_NAMES.length);
  });

  it('resolves a known name per pod, in the namespace when given', () => {
    expect(resolveMetric('memory', { namespace: 'shop' })).toMatchObject({
      name: 'memory',
      kind: 'known',
      unit: 'bytes',
      promql:
        'sum by (namespace, pod) (container_memory_working_set_bytes{namespace="shop", container!="", container!="POD"})',
    });
    expect(resolveMetric('container_cpu_usage_seconds_total').promql).toBe(
      'sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="", container!="POD"}[120s]))',
    );
  });

  it('selects the raw series of other metric names and passes anything else on as PromQL', () => {
    expect(resolveMetric('node_load1', { namespace: 'shop' })).toEqual({
      name: 'node_load1',
      kind: 'metric',
      query: {
        fn: 'select',
        selector: { metric: 'node_load1', matchers: [{ label: 'namespace', op: '=', value: 'shop' }] },
      },
      promql: 'node_load1{namespace="shop"}',
    });
    expect(resolveMetric('sum(rate(x[5m]))')).toEqual({
      name: 'sum(rate(x[5m]))',
      kind: 'promql',
      query: 'sum(rate(x[5m]))',
      promql: 'sum(rate(x[5m]))',
    });
  });
});
