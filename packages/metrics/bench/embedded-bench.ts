/**
 * Embedded source costs at demo scale: parsing a /metrics page, holding an hour of samples, evaluating the
 * templates. Usage: pnpm --filter @aiops/metrics bench [--pods 500] [--interval-s 5] [--hours 1]
 */
import { parseArgs } from 'node:util';
import { evaluateRange } from '../src/embedded/evaluate';
import { SampleStore } from '../src/embedded/sample-store';
import { parseTextFormat } from '../src/embedded/text-format';
import { templatesFor } from '../src/templates';

const { values: args } = parseArgs({
  // pnpm may pass a literal "--" through.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    pods: { type: 'string', default: '500' },
    'interval-s': { type: 'string', default: '5' },
    hours: { type: 'string', default: '1' },
  },
});
const pods = Number(args.pods);
const intervalMs = Number(args['interval-s']) * 1000;
const points = Math.round((Number(args.hours) * 3_600_000) / intervalMs) + 1;
const deployments = Math.max(1, Math.floor(pods / 5));

function page(i: number): string {
  const lines: string[] = [];
  for (let p = 0; p < pods; p++) {
    const ns = `ns-${p % 10}`;
    const pod = `app-${p % deployments}-5d8f9c7b6-p${p}`;
    const at = (i * intervalMs) / 1000;
    const c = `namespace="${ns}",pod="${pod}",container="app"`;
    lines.push(
      `container_cpu_usage_seconds_total{${c}} ${at * 0.2}`,
      `container_memory_working_set_bytes{${c}} ${100_000_000 + (p % 7) * 1_000_000}`,
      `kube_pod_container_status_restarts_total{${c}} 0`,
      `kube_pod_status_ready{namespace="${ns}",pod="${pod}",condition="true"} 1`,
      `kube_pod_status_ready{namespace="${ns}",pod="${pod}",condition="false"} 0`,
      `http_requests_total{namespace="${ns}",pod="${pod}",code="200"} ${at * 10}`,
      `http_requests_total{namespace="${ns}",pod="${pod}",code="500"} ${at * 0.1}`,
    );
    for (const [le, share] of [
      ['0.05', 0.5],
      ['0.1', 0.7],
      ['0.25', 0.9],
      ['0.5', 0.97],
      ['1', 1],
      ['+Inf', 1],
    ] as const) {
      lines.push(
        `http_request_duration_seconds_bucket{namespace="${ns}",pod="${pod}",le="${le}"} ${at * 10 * share}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const time = <T>(fn: () => T): [T, number] => {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
};

const text = page(1);
const series = parseTextFormat(text).length;

global.gc?.();
const before = process.memoryUsage();
const store = new SampleStore({
  samplesPerSeries: points,
  maxSeries: 1_000_000,
  retentionMs: Number.MAX_SAFE_INTEGER,
});
const t0 = 1_700_000_000_000;
let parseMs = 0;
let appendMs = 0;
for (let i = 0; i < points; i++) {
  const [samples, parsing] = time(() => parseTextFormat(page(i)));
  const [, appending] = time(() => {
    for (const s of samples) store.append(s.labels, t0 + i * intervalMs, s.value);
  });
  parseMs += parsing;
  appendMs += appending;
}
global.gc?.();
const after = process.memoryUsage();
const heapMiB = (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / 1024 / 1024;
console.log(
  `scrape page: ${pods} pods, ${series} series, ${(text.length / 1024).toFixed(0)} KiB; ` +
    `per scrape: parse ${(parseMs / points).toFixed(1)} ms, append ${(appendMs / points).toFixed(1)} ms (mean of ${points})`,
);
console.log(
  `store: ${store.stats.series} series x ${points} samples (${args.hours} h every ${args['interval-s']} s); ` +
    `memory ${heapMiB.toFixed(0)} MiB` +
    (global.gc ? '' : ' (run node with --expose-gc for a steadier figure)'),
);

const end = t0 + (points - 1) * intervalMs;
for (const [label, target] of [
  ['deployment (5 pods)', { kind: 'deployment', namespace: 'ns-0', name: 'app-0' }],
  ['namespace', { kind: 'namespace', namespace: 'ns-0' }],
  ['cluster', { kind: 'cluster' }],
] as const) {
  let totalMs = 0;
  let seriesOut = 0;
  for (const template of templatesFor(target)) {
    const [series, ms] = time(() =>
      evaluateRange(store, template.query, end - 3_600_000 + intervalMs, end, 15_000),
    );
    totalMs += ms;
    seriesOut += series.length;
  }
  console.log(
    `templates for a ${label} target, 1 h at 15 s steps: ${totalMs.toFixed(0)} ms for all, ${seriesOut} series`,
  );
}
