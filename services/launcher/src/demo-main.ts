import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startClusterSim } from '@aiops/cluster-sim';
import type { Incident } from '@aiops/contracts';
import { Cluster, createKubeApis, loadKubeConfig } from '@aiops/kube';
import { deletePrefixAt } from '@aiops/testkit/redis-prefix';
import { EmbeddedAlerts } from './demo/embedded-alerts';
import { renderLiveView, renderSummary, targetOf } from './demo/live-view';
import { ALL_SERVICES } from './services';
import { Supervisor } from './supervisor';

const USAGE = `pnpm demo [--scenarios <folder>] [--speed <n>] [--port <n>] [--exit]

Starts the system on its embedded default: a simulated Kubernetes cluster running the shared fault scenarios,
metrics scraped from it, the ingress and every stage (each its own process, over the Redis at REDIS_URL), and an
alert source that fires as Prometheus and Alertmanager would. Shows each incident moving through the stages,
then a summary table (fixed, escalated or healthy; time to fix) and where to look.
  --scenarios  folder of scenarios to run (default ../shared/scenarios/k8s)
  --speed      simulated seconds per real second (default 5)
  --port       ingress port (default: PORT, else 8080)
  --exit       stop everything after the summary (default: keep running until Ctrl-C)
With KUBECONFIG (or K8S_CONFIG_PATH, or K8S_IN_CLUSTER=true) set, the demo uses that cluster instead of simulating one; with PROMETHEUS_URL set, that
Prometheus instead of the embedded scraper; with ALERTMANAGER_MANAGED=true, alerts come from your Alertmanager.`;

const { values } = parseArgs({
  options: {
    scenarios: { type: 'string', default: '../shared/scenarios/k8s' },
    speed: { type: 'string', default: '5' },
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    exit: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const secret = () => randomBytes(18).toString('base64url');
const work = mkdtempSync(join(tmpdir(), 'aiops-demo-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: values.port,
  HOST: '127.0.0.1',
  QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? `demo-${randomBytes(3).toString('hex')}`,
  WEBHOOK_TOKEN: process.env.WEBHOOK_TOKEN ?? secret(),
  API_TOKEN: process.env.API_TOKEN ?? secret(),
  DASHBOARD_PASSWORD: process.env.DASHBOARD_PASSWORD ?? secret(),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  // The simulated clock runs faster: a fix that holds 10 s here holds for a minute of simulated time or more.
  AUTOFIX_SETTLE_S: process.env.AUTOFIX_SETTLE_S ?? '10',
};

const header: string[] = [];
let sim: Awaited<ReturnType<typeof startClusterSim>> | undefined;
let namespaces = ['default'];
if (!process.env.KUBECONFIG && !process.env.K8S_CONFIG_PATH && process.env.K8S_IN_CLUSTER !== 'true') {
  const dir = resolve(values.scenarios);
  if (!existsSync(dir)) {
    console.error(
      `demo: no scenarios at ${dir} (the repository's default sits beside shared/); pass --scenarios <folder>`,
    );
    process.exit(2);
  }
  const manifests = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => readFileSync(join(dir, e.name, 'manifests.yaml'), 'utf8'));
  sim = await startClusterSim({ speed: Number(values.speed), manifests: manifests.join('\n---\n') });
  env.KUBECONFIG = join(work, 'kubeconfig');
  await sim.writeKubeconfig(env.KUBECONFIG);
  const ca = join(work, 'cluster-ca.pem');
  writeFileSync(ca, sim.caCertificate ?? '');
  env.NODE_EXTRA_CA_CERTS = ca;
  namespaces = [
    ...new Set(manifests.flatMap((m) => [...m.matchAll(/namespace: *([a-z0-9-]+)/g)].map((x) => x[1]!))),
  ];
  header.push(
    `simulated cluster ${sim.url} (${manifests.length} scenarios, ${values.speed}x time), kubeconfig ${env.KUBECONFIG}`,
  );
}
if (!process.env.PROMETHEUS_URL && sim) {
  env.METRICS_SCRAPE_URLS = `${sim.url}/metrics`;
  header.push(`embedded metrics: scraping ${env.METRICS_SCRAPE_URLS}`);
}
if (!env.PREDICTION_HISTORY_CSV) {
  env.PREDICTION_HISTORY_CSV = resolve('../shared/data/nab/data/realKnownCause/nyc_taxi.csv');
  // Taxi demand peaks near 30,000 an interval: at 2,000 per instance the peak needs 15 of the 20 allowed.
  env.PREDICTION_QPS_PER_INSTANCE ??= '2000';
}

const logFile = join(work, 'services.log');
const supervisor = new Supervisor({
  env,
  onLine: (service, line) => writeFileSync(logFile, `${service} | ${line}\n`, { flag: 'a' }),
});
for (const service of ALL_SERVICES) supervisor.start(service);
const base = `http://127.0.0.1:${values.port}`;
header.unshift('AIOps demo', `services: ${ALL_SERVICES.map((s) => s.name).join(', ')} (logs: ${logFile})`);
header.push(
  `API docs ${base}/   queue dashboard ${base}/admin/queues (admin / ${env.DASHBOARD_PASSWORD})`,
  `API token (autofix, workflow, notify): ${env.API_TOKEN}`,
  `webhook token (POST /api/v1/alerts/alertmanager): ${env.WEBHOOK_TOKEN}`,
);

let alerts: EmbeddedAlerts | undefined;
const stop = async () => {
  alerts?.stop();
  await supervisor.stop();
  await sim?.close();
  // A prefix the demo made up over its simulated cluster is the demo's own: nothing can reach it after this
  // run. Against a real cluster the audit of what was changed stays.
  if (sim && !process.env.QUEUE_PREFIX)
    await deletePrefixAt(env.REDIS_URL ?? 'redis://127.0.0.1:6379', env.QUEUE_PREFIX!).catch(() => undefined);
};
process.once('SIGINT', () => void stop().then(() => process.exit(0)));
process.once('SIGTERM', () => void stop().then(() => process.exit(0)));

async function get<T>(path: string): Promise<T | undefined> {
  try {
    // The API token also reads, so the view works when READ_TOKEN is set.
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${env.API_TOKEN}` } });
    return res.ok ? ((await res.json()) as { data: T }).data : undefined;
  } catch {
    return undefined;
  }
}

async function incidents(): Promise<Incident[]> {
  const list = (await get<{ incidents: { id: string }[] }>('/api/v1/incidents?limit=100'))?.incidents ?? [];
  const full = await Promise.all(list.map((i) => get<Incident>(`/api/v1/incidents/${i.id}`)));
  return full.filter((i): i is Incident => Boolean(i)).reverse();
}

const started = Date.now();
while (!(await get('/api/v1/health'))) {
  if (Date.now() - started > 60_000) throw new Error(`the ingress did not start; see ${logFile}`);
  await new Promise((r) => setTimeout(r, 500));
}
const cluster = new Cluster(
  createKubeApis(
    loadKubeConfig({
      KUBECONFIG: env.KUBECONFIG,
      K8S_CONFIG_PATH: env.K8S_CONFIG_PATH,
      K8S_IN_CLUSTER: env.K8S_IN_CLUSTER === 'true',
    }),
  ),
);
if (process.env.ALERTMANAGER_MANAGED !== 'true') {
  alerts = new EmbeddedAlerts({
    cluster,
    namespaces,
    webhookUrl: `${base}/api/v1/alerts/alertmanager`,
    token: env.WEBHOOK_TOKEN!,
    forSeconds: 10,
    resolveAfterSeconds: 60,
    intervalMs: 2000,
    onError: (error) => writeFileSync(logFile, `demo-alerts | ${String(error)}\n`, { flag: 'a' }),
  });
  alerts.start();
  header.push(
    'alerts: embedded rules (crash looping, OOMKilled, replicas mismatch), firing after 10 s, resolving after 60 s',
  );
}

const tty = process.stdout.isTTY;
let last = '';
let settledSince: number | undefined;
for (;;) {
  const current = await incidents();
  const view = renderLiveView(current, header);
  if (view !== last) {
    process.stdout.write(tty ? `\x1b[2J\x1b[H${view}` : view);
    last = view;
  }
  const settled =
    current.length > 0 &&
    current.every((i) => i.stages.notify?.state === 'done' || i.stages.notify?.state === 'failed');
  settledSince = settled ? (settledSince ?? Date.now()) : undefined;
  if ((settledSince && Date.now() - settledSince > 20_000) || Date.now() - started > 10 * 60_000) break;
  await new Promise((r) => setTimeout(r, 1000));
}
/** Deployments of the watched namespaces that no incident is about: healthy, as far as the alerts can tell. */
async function healthyDeployments(about: Incident[]): Promise<string[]> {
  const named = new Set(about.map(targetOf));
  const deployments = await Promise.all(
    namespaces.map(async (namespace) =>
      (await cluster.listDeployments(namespace).catch(() => [])).map(
        (d) => `${namespace}/${d.metadata?.name}`,
      ),
    ),
  );
  return deployments.flat().filter((target) => !named.has(target));
}

const finalIncidents = await incidents();
process.stdout.write(renderSummary(finalIncidents, base, await healthyDeployments(finalIncidents)));
if (values.exit) {
  await stop();
  process.exit(0);
}
process.stdout.write('\nThe services keep running; Ctrl-C stops them.\n');
