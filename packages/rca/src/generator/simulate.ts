import type { ServiceEffects } from './effects';
import type { Random } from './random';
import type { ServiceProfile, Topology } from './topology';

export const APP_METRICS = ['cpu', 'mem', 'latency-50', 'latency-90', 'error', 'rps', 'restarts'] as const;
/** Datastores and batch jobs are not instrumented for requests: their callers see their latency and errors. */
export const INFRA_METRICS = ['cpu', 'mem', 'rps', 'restarts'] as const;

export interface MetricColumn {
  name: string;
  values: number[];
}

/** Prometheus-style rates average over this window, which smears a sudden change over a minute. */
const RATE_WINDOW_SECONDS = 60;

/**
 * Turns a topology and the effects on each service into metric columns `<service>_<metric>`:
 * load follows a slow wave from the frontend down the call graph; latency and errors travel from
 * callees up to callers with each edge's lag; every metric carries noise.
 */
export function simulateMetrics(
  topology: Topology,
  times: readonly number[],
  effects: ReadonlyMap<string, ServiceEffects>,
  random: Random,
): MetricColumn[] {
  const n = times.length;
  const step = times[1]! - times[0]!;
  const byName = new Map(topology.services.map((s) => [s.name, s]));
  const order = topologicalOrder(topology);
  const load = trafficLoad(times, random);

  const rps = new Map<string, number[]>();
  for (const name of order) {
    const service = byName.get(name)!;
    const values = load.map((l) => service.ownRps * l);
    for (const call of topology.calls.filter((c) => c.callee === name)) {
      const callerRps = rps.get(call.caller)!;
      const callerDown = effects.get(call.caller)!.down;
      for (let i = 0; i < n; i++) values[i]! += callerDown[i] ? 0 : callerRps[i]! * call.callsPerRequest;
    }
    rps.set(name, values);
  }

  const latency = new Map<string, number[]>();
  const errorRatio = new Map<string, number[]>();
  for (const name of [...order].reverse()) {
    const service = byName.get(name)!;
    const effect = effects.get(name)!;
    const lat = new Array<number>(n);
    const err = new Array<number>(n);
    const calls = topology.calls.filter((c) => c.caller === name);
    for (let i = 0; i < n; i++) {
      let l = service.ownLatencyMs * effect.latencyFactor[i]! + effect.latencyAddMs[i]!;
      let e = service.baseErrorRatio + effect.errorRatioAdd[i]! + (effect.down[i] ? 1 : 0);
      for (const call of calls) {
        const j = Math.max(0, i - call.lagSteps);
        l += call.latencyShare * latency.get(call.callee)![j]!;
        e += call.errorShare * errorRatio.get(call.callee)![j]!;
      }
      lat[i] = l;
      err[i] = Math.min(1, e);
    }
    latency.set(name, lat);
    errorRatio.set(name, err);
  }

  const columns: MetricColumn[] = [];
  for (const service of [...topology.services].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const effect = effects.get(service.name)!;
    const serviceRps = rps.get(service.name)!;
    const observed = observeService(
      service,
      effect,
      serviceRps,
      latency.get(service.name)!,
      errorRatio.get(service.name)!,
      times,
      step,
      random,
    );
    const metrics = service.role === 'entry' || service.role === 'app' ? APP_METRICS : INFRA_METRICS;
    for (const metric of metrics)
      columns.push({ name: `${service.name}_${metric}`, values: observed[metric] });
  }
  return columns;
}

function observeService(
  service: ServiceProfile,
  effect: ServiceEffects,
  rps: readonly number[],
  latency: readonly number[],
  errorRatio: readonly number[],
  times: readonly number[],
  step: number,
  random: Random,
): Record<(typeof APP_METRICS)[number], number[]> {
  const n = times.length;
  const noise = service.noise;
  const gcPeriod = random.uniform(60, 180);
  const gcSize = random.uniform(0.03, 0.08);
  const window = Math.max(1, Math.round(RATE_WINDOW_SECONDS / step));
  const requestCounts: number[] = [];
  const errorCounts: number[] = [];
  const cpu: number[] = [];
  const mem: number[] = [];
  const p50: number[] = [];
  const p90: number[] = [];
  const restarts: number[] = [];
  let restartCount = random.int(0, 3);
  const usualCpu = service.baseCpu + (service.cpuPerRps * rps.reduce((a, b) => a + b, 0)) / n;
  let sinceRestart = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    restartCount += effect.restarts[i]!;
    if (effect.restarts[i]! > 0) sinceRestart = 0;
    else sinceRestart += step;
    const down = effect.down[i]!;
    requestCounts.push(down ? 0 : random.poisson(rps[i]! * step));
    errorCounts.push(random.poisson(rps[i]! * errorRatio[i]! * step));
    const busy = (service.baseCpu + service.cpuPerRps * rps[i]!) * Math.exp(random.normal(0, noise));
    cpu.push(down ? 0.005 : busy + usualCpu * effect.cpuAdd[i]!);
    const warm = Math.min(1, 0.6 + (0.4 * sinceRestart) / 60);
    const gc = (gcSize * (((times[i]! % gcPeriod) + gcPeriod) % gcPeriod)) / gcPeriod;
    const memory =
      service.memBaseMiB * (warm + gc) + effect.memAddMiB[i]! + random.normal(0, 0.005 * service.memBaseMiB);
    mem.push(down ? 0 : memory);
    p50.push(latency[i]! * Math.exp(random.normal(0, noise)));
    p90.push(latency[i]! * service.tailFactor * Math.exp(random.normal(0, 1.5 * noise)));
    restarts.push(restartCount);
  }
  return {
    cpu,
    mem,
    'latency-50': p50,
    'latency-90': p90,
    error: rate(errorCounts, window, step),
    rps: rate(requestCounts, window, step),
    restarts,
  };
}

/**
 * Relative traffic: a daily wave (a few percent over a case's twenty minutes) and a slow wander of a few
 * percent with a time scale of minutes, as user traffic has.
 */
function trafficLoad(times: readonly number[], random: Random): number[] {
  const dailySize = random.uniform(0.3, 0.5);
  const phase = random.uniform(0, 2 * Math.PI);
  const wanderSize = random.uniform(0.01, 0.04);
  const step = times[1]! - times[0]!;
  const keep = Math.exp(-step / 300);
  let wander = random.normal(0, wanderSize);
  return times.map((t) => {
    wander = keep * wander + Math.sqrt(1 - keep * keep) * random.normal(0, wanderSize);
    return (1 + dailySize * Math.sin((2 * Math.PI * t) / 86_400 + phase)) * (1 + wander);
  });
}

/** Per-second rate over a trailing window of counts, like PromQL's rate() over a range. */
function rate(counts: readonly number[], window: number, step: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    sum += counts[i]!;
    if (i >= window) sum -= counts[i - window]!;
    out.push(sum / (Math.min(i + 1, window) * step));
  }
  return out;
}

/** Services in an order where every caller comes before its callees. */
function topologicalOrder(topology: Topology): string[] {
  const indegree = new Map(topology.services.map((s) => [s.name, 0]));
  for (const call of topology.calls) indegree.set(call.callee, indegree.get(call.callee)! + 1);
  const ready = topology.services.filter((s) => indegree.get(s.name) === 0).map((s) => s.name);
  const order: string[] = [];
  while (ready.length > 0) {
    const name = ready.shift()!;
    order.push(name);
    for (const call of topology.calls.filter((c) => c.caller === name)) {
      const left = indegree.get(call.callee)! - 1;
      indegree.set(call.callee, left);
      if (left === 0) ready.push(call.callee);
    }
  }
  return order;
}
