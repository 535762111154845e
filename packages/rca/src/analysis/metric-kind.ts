const TRAFFIC = /^(rps|qps|requests?|throughput|traffic)([-_].*)?$/i;

/**
 * How much an anomaly in a metric says about a fault: request rates move with user traffic and along
 * whole request paths (a load wave shifts every service's rate at once), so they count for less than
 * resource use, latency, errors and restarts.
 */
export function metricWeight(metric: string): number {
  return TRAFFIC.test(metric) ? 0.6 : 1;
}

const UNITS: [RegExp, string][] = [
  [/latency|duration|_ms$|-ms$/i, 'ms'],
  [/^cpu/i, 'cores'],
  [/^mem/i, 'MiB'],
  [/^error/i, 'errors/s'],
  [/^(rps|qps|requests?|throughput)/i, 'req/s'],
  [/restart/i, 'restarts'],
];

/** A unit for chart axes when the series does not name one. */
export function guessUnit(metric: string): string | undefined {
  return UNITS.find(([pattern]) => pattern.test(metric))?.[1];
}
