import type { ClusterEvent, EntityRef, MetricSeries, RankingInput } from '../input';
import type { RcaCase } from './case-format';

const EVENT_KINDS = new Set<ClusterEvent['kind']>([
  'rollout',
  'config',
  'scale',
  'restart',
  'oom',
  'probe-failure',
  'failed-scheduling',
  'image-pull',
  'crash',
]);

/**
 * A benchmark case as ranking input: each service an entity, each column a series, the calls as edges,
 * and the injection time (shifted by `lateSeconds`) as the alert time. Never reads the truth.
 */
export function caseToRankingInput(c: RcaCase, lateSeconds = 0): RankingInput {
  const known = new Set<string>([...c.topology.calls.flat(), ...c.events.map((e) => e.service)]);
  const service = (name: string): EntityRef => ({ kind: 'service', name });
  const series: MetricSeries[] = [];
  for (const column of c.columns) {
    const [name, metric] = splitColumn(column.name, known);
    const timestamps: number[] = [];
    const values: number[] = [];
    column.values.forEach((v, i) => {
      if (Number.isFinite(v) && Number.isFinite(c.time[i])) {
        timestamps.push(c.time[i]! * 1000);
        values.push(v);
      }
    });
    if (values.length < 3) continue;
    series.push({ entity: service(name), metric, timestamps, values });
  }
  return {
    entities: [...new Set([...known, ...series.map((s) => s.entity.name)])].sort().map(service),
    series,
    edges: c.topology.calls.map(([caller, callee]) => ({
      from: service(caller),
      to: service(callee),
      kind: 'calls' as const,
    })),
    events: c.events
      .filter((e) => EVENT_KINDS.has(e.kind as ClusterEvent['kind']))
      .map((e) => ({
        time: e.time * 1000,
        entity: service(e.service),
        kind: e.kind as ClusterEvent['kind'],
        detail: e.detail,
      })),
    alertTime: (c.injectTime + lateSeconds) * 1000,
  };
}

/**
 * `<service>_<metric>`: the longest service named in the topology or events that prefixes the column,
 * else everything before the first underscore (service names from other generators may hold underscores
 * only when the topology names them).
 */
export function splitColumn(column: string, knownServices: ReadonlySet<string>): [string, string] {
  let best = '';
  for (const name of knownServices) {
    if (column.startsWith(`${name}_`) && name.length > best.length) best = name;
  }
  if (best) return [best, column.slice(best.length + 1)];
  const cut = column.indexOf('_');
  return cut > 0 ? [column.slice(0, cut), column.slice(cut + 1)] : [column, 'value'];
}
