import { entityKey } from './entity';
import type { DependencyEdge, EntityRef } from './input';

type Labels = Readonly<Record<string, string | undefined>>;

interface LabelScheme {
  kind: EntityRef['kind'];
  from: string;
  fromNamespace: string;
  to: string;
  toNamespace: string;
}

/** Request metrics that name both ends of a call, by the mesh or tracer that exports them. */
const SCHEMES: LabelScheme[] = [
  // Istio: istio_requests_total, istio_request_duration_milliseconds.
  {
    kind: 'deployment',
    from: 'source_workload',
    fromNamespace: 'source_workload_namespace',
    to: 'destination_workload',
    toNamespace: 'destination_workload_namespace',
  },
  // Linkerd: request_total, response_latency_ms (outbound).
  {
    kind: 'deployment',
    from: 'deployment',
    fromNamespace: 'namespace',
    to: 'dst_deployment',
    toNamespace: 'dst_namespace',
  },
  // Tempo / OpenTelemetry service graphs: traces_service_graph_request_total.
  {
    kind: 'service',
    from: 'client',
    fromNamespace: 'client_namespace',
    to: 'server',
    toNamespace: 'server_namespace',
  },
];

const UNKNOWN = new Set(['', 'unknown', 'user']);

/**
 * `calls` edges from the label sets of request metrics (one label set per series, as Prometheus returns
 * them): Istio's source/destination workloads, Linkerd's deployment/dst_deployment, service-graph
 * client/server. Unknown ends and self-calls are skipped; the result is deduplicated and sorted.
 */
export function callEdgesFromRequestLabels(labelSets: readonly Labels[]): DependencyEdge[] {
  const edges = new Map<string, DependencyEdge>();
  for (const labels of labelSets) {
    const scheme = SCHEMES.find((s) => labels[s.from] !== undefined && labels[s.to] !== undefined);
    if (!scheme) continue;
    const fromName = labels[scheme.from]!;
    const toName = labels[scheme.to]!;
    if (UNKNOWN.has(fromName) || UNKNOWN.has(toName)) continue;
    const ref = (name: string, namespace: string | undefined): EntityRef => ({
      kind: scheme.kind,
      name,
      ...(namespace ? { namespace } : {}),
    });
    const from = ref(fromName, labels[scheme.fromNamespace]);
    const to = ref(toName, labels[scheme.toNamespace] ?? labels[scheme.fromNamespace]);
    const key = `${entityKey(from)}>${entityKey(to)}`;
    if (entityKey(from) !== entityKey(to) && !edges.has(key)) edges.set(key, { from, to, kind: 'calls' });
  }
  return [...edges.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, edge]) => edge);
}
