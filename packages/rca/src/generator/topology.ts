import type { Random } from './random';

export interface ServiceProfile {
  name: string;
  /** Datastores expose no latency or error metrics of their own: their callers show them. */
  role: 'entry' | 'app' | 'datastore' | 'batch';
  layer: number;
  baseCpu: number;
  cpuPerRps: number;
  memBaseMiB: number;
  ownLatencyMs: number;
  /** p90 / p50 of this service's latency. */
  tailFactor: number;
  baseErrorRatio: number;
  /** Relative noise of its metrics. */
  noise: number;
  /** Requests per second of its own, for services nothing calls (the entry point, batch jobs). */
  ownRps: number;
}

export interface CallEdge {
  caller: string;
  callee: string;
  /** Calls to the callee per request to the caller. */
  callsPerRequest: number;
  /** Share of the callee's latency that adds to the caller's (calls made in parallel add less). */
  latencyShare: number;
  /** Share of the callee's failed calls that fail the caller's request. */
  errorShare: number;
  /** How many sampling steps later the caller's metrics show the callee's change. */
  lagSteps: number;
}

export interface Topology {
  services: ServiceProfile[];
  calls: CallEdge[];
}

const APP_NAMES = [
  'checkout',
  'cart',
  'catalog',
  'recommendation',
  'currency',
  'shipping',
  'payment',
  'email',
  'ad',
  'user',
  'auth',
  'order',
  'inventory',
  'search',
  'review',
  'notification',
  'pricing',
  'session',
];
const DATASTORE_NAMES = ['redis-cart', 'orders-db', 'catalog-db', 'user-db', 'session-cache'];

/**
 * A layered microservice call graph: a frontend calling two or three layers of application services,
 * which call datastores; sometimes a batch job beside it. At least 10 services take part in the calls.
 */
export function generateTopology(random: Random): Topology {
  const appCount = random.int(7, 11);
  const datastoreCount = random.int(2, 4);
  const apps = random.shuffle(APP_NAMES).slice(0, appCount);
  const datastores = random.shuffle(DATASTORE_NAMES).slice(0, datastoreCount);
  const appLayers = random.chance(0.5) ? 2 : 3;

  const services: ServiceProfile[] = [profile(random, 'frontend', 'entry', 0)];
  apps.forEach((name, i) => {
    services.push(
      profile(random, name, 'app', 1 + Math.min(appLayers - 1, Math.floor((i * appLayers) / appCount))),
    );
  });
  for (const name of datastores) services.push(profile(random, name, 'datastore', appLayers + 1));

  const calls: CallEdge[] = [];
  const edge = (caller: string, callee: string): CallEdge => ({
    caller,
    callee,
    callsPerRequest: random.uniform(0.3, 2),
    latencyShare: random.uniform(0.4, 1),
    errorShare: random.uniform(0.4, 0.9),
    lagSteps: random.int(0, 2),
  });
  const has = (caller: string, callee: string) =>
    calls.some((c) => c.caller === caller && c.callee === callee);
  for (const service of services) {
    if (service.role === 'datastore') continue;
    const lower = services.filter((s) => s.layer > service.layer && s.role !== 'batch');
    const next = lower.filter((s) => s.layer === service.layer + 1);
    const fanOut = service.role === 'entry' ? random.int(2, 4) : random.int(1, 3);
    for (const callee of random.shuffle(next.length > 0 ? next : lower).slice(0, fanOut)) {
      calls.push(edge(service.name, callee.name));
    }
    if (service.role === 'app' && random.chance(0.4)) {
      const extra = random.pick(lower);
      if (!has(service.name, extra.name)) calls.push(edge(service.name, extra.name));
    }
  }
  // Everyone below the frontend needs a caller, or it would be idle and not part of the graph.
  for (const service of services) {
    if (service.layer === 0 || calls.some((c) => c.callee === service.name)) continue;
    const callers = services.filter(
      (s) => s.layer === service.layer - 1 || (s.layer < service.layer && s.role === 'entry'),
    );
    calls.push(edge(random.pick(callers).name, service.name));
  }
  if (random.chance(0.6)) {
    const batch = profile(random, 'batch-reporter', 'batch', 1);
    services.push(batch);
    if (random.chance(0.5)) calls.push(edge(batch.name, random.pick(datastores)));
  }
  return { services, calls };
}

function profile(random: Random, name: string, role: ServiceProfile['role'], layer: number): ServiceProfile {
  const datastore = role === 'datastore';
  return {
    name,
    role,
    layer,
    baseCpu: random.uniform(0.05, 0.3),
    cpuPerRps: random.uniform(0.001, 0.004),
    memBaseMiB: datastore ? random.uniform(300, 2000) : random.uniform(120, 800),
    ownLatencyMs: datastore ? random.uniform(0.5, 5) : random.uniform(3, 30),
    tailFactor: random.uniform(1.6, 2.5),
    baseErrorRatio: random.uniform(0.0005, 0.005),
    noise: random.uniform(0.02, 0.12),
    ownRps: role === 'entry' ? random.uniform(50, 300) : role === 'batch' ? random.uniform(1, 5) : 0,
  };
}
