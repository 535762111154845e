import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';

/**
 * `pnpm bench:ingress`: drives the ingress from this (separate) process with single-alert webhooks of distinct
 * fingerprints and targets (each opens an incident and enqueues its first job), then a no-op Hono route on the
 * same server stack, and prints throughput, latency and their ratio.
 */
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: process.env.BENCH_DURATION_S ?? '10' },
    connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '32' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`pnpm bench:ingress [--duration <s>] [--connections <n>]

Starts the ingress (over the Redis at REDIS_URL, on a key prefix of its own) and a no-op Hono route, drives each
from this process with autocannon, and prints accepted webhooks/s, p50 and p99 latency, and the ratio.
  --duration      seconds per run (default BENCH_DURATION_S, else 10)
  --connections   concurrent connections (default BENCH_CONNECTIONS, else 32)`);
  process.exit(0);
}
const DURATION_S = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = randomBytes(16).toString('hex');
const PREFIX = `bench-${randomBytes(4).toString('hex')}`;
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

function startServer(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (ready.test(line)) resolve({ url: (JSON.parse(line) as { url: string }).url, child });
    });
  });
}

function webhook(n: number): string {
  const fingerprint = `${n.toString(16).padStart(8, '0')}${randomBytes(4).toString('hex')}`;
  const labels = {
    alertname: 'KubePodCrashLooping',
    severity: 'warning',
    namespace: 'bench',
    deployment: `app-${n}`,
  };
  return JSON.stringify({
    version: '4',
    groupKey: `{}:{alertname="KubePodCrashLooping", deployment="app-${n}"}`,
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'aiops',
    groupLabels: { alertname: 'KubePodCrashLooping' },
    commonLabels: labels,
    commonAnnotations: { summary: 'Pod is crash looping.' },
    externalURL: 'http://alertmanager:9093',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary: 'Pod is crash looping.' },
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus:9090/graph',
        fingerprint,
      },
    ],
  });
}

interface Figures {
  name: string;
  accepted: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function drive(name: string, url: string, headers: Record<string, string>): Promise<Figures> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: webhook(n++) }) }],
  });
  const accepted = result['2xx'];
  return {
    name,
    accepted,
    perSecond: accepted / DURATION_S,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const ingress = await startServer(
  here('../src/main.ts'),
  { PORT: '0', HOST: '127.0.0.1', QUEUE_PREFIX: PREFIX, WEBHOOK_TOKEN: TOKEN, LOG_LEVEL: 'info', REDIS_URL },
  /ingress listening/,
);
const noop = await startServer(here('./noop-server.ts'), {}, /noop listening/);
try {
  const figures = [
    await drive('ingress POST /api/v1/alerts/alertmanager', `${ingress.url}/api/v1/alerts/alertmanager`, {
      authorization: `Bearer ${TOKEN}`,
    }),
    await drive('no-op Hono POST /noop', `${noop.url}/noop`, {}),
  ];
  console.log(
    `\n${DURATION_S} s each, ${CONNECTIONS} connections, single-alert webhooks with distinct fingerprints\n`,
  );
  console.table(
    figures.map((f) => ({
      route: f.name,
      'accepted/s': Math.round(f.perSecond),
      'p50 ms': f.p50,
      'p99 ms': f.p99,
      'non-2xx or errors': f.errors,
    })),
  );
  const [real, baseline] = figures as [Figures, Figures];
  console.log(`ingress / no-op throughput: ${((100 * real.perSecond) / baseline.perSecond).toFixed(1)}%`);
} finally {
  ingress.child.kill('SIGTERM');
  noop.child.kill('SIGTERM');
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 5000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}
