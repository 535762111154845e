import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ClusterSim,
  loadScenarios,
  observeWorkload,
  type Scenario,
  startClusterSim,
  warmUpScenario,
} from '@aiops/cluster-sim';
import { type AutofixData, STAGES } from '@aiops/contracts';
import { type FeishuServer, startFeishuServer } from '@aiops/testkit/feishu-server';
import { freePort } from '@aiops/testkit/free-port';
import { deletePrefixAt } from '@aiops/testkit/redis-prefix';
import { PIPELINE_SERVICES } from '../services';
import { Supervisor } from '../supervisor';
import { judgeScenario } from './verdict';

export interface ScenarioResult {
  name: string;
  passed: boolean;
  reason: string;
  seconds: number;
}

export interface RunnerOptions {
  dir: string;
  /** Simulated seconds per real second. */
  speed?: number;
  redisUrl?: string;
  onResult?(result: ScenarioResult): void;
  onLog?(service: string, line: string): void;
}

const TOKEN = () => randomBytes(18).toString('base64url');

/**
 * Runs each scenario of a folder the way a user would: the workload is loaded into a simulated cluster, left
 * to show its symptoms, then `POST /api/v1/autofix` is called on the real services (ingress, every stage,
 * as separate processes), and the scenario's expect.yaml is checked against the cluster and the Feishu
 * messages a local receiver got.
 */
export async function runScenarios(options: RunnerOptions): Promise<ScenarioResult[]> {
  const scenarios = await loadScenarios(options.dir);
  const speed = options.speed ?? 20;
  const sim = await startClusterSim({ speed, startTime: new Date(Date.now() - 3600_000) });
  const work = await mkdtemp(join(tmpdir(), 'aiops-scenarios-'));
  const kubeconfig = join(work, 'kubeconfig');
  await sim.writeKubeconfig(kubeconfig);
  const feishuSecret = TOKEN();
  const feishu = await startFeishuServer({ secret: feishuSecret });
  const apiToken = TOKEN();
  const prefix = `scenarios-${randomBytes(4).toString('hex')}`;
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const port = await freePort();
  const supervisor = new Supervisor({
    env: {
      ...process.env,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      PORT: String(port),
      HOST: '127.0.0.1',
      WEBHOOK_TOKEN: TOKEN(),
      API_TOKEN: apiToken,
      DASHBOARD_PASSWORD: TOKEN(),
      KUBECONFIG: kubeconfig,
      K8S_CONFIG_PATH: '',
      FEISHU_WEBHOOK_URL: feishu.url,
      FEISHU_SECRET: feishuSecret,
      // A verification bound in real seconds that covers the scenarios' 120 simulated seconds.
      AUTOFIX_VERIFY_TIMEOUT_S: String(Math.max(20, Math.ceil(240 / speed))),
      // A fix must hold for about 100 simulated seconds.
      AUTOFIX_SETTLE_S: String(Math.max(1, Math.round(100 / speed))),
      LLM_BASE_URL: '',
      PROMETHEUS_URL: 'http://127.0.0.1:1',
      LOG_LEVEL: 'warn',
    },
    onLine: (service, line) => options.onLog?.(service, line),
  });
  const results: ScenarioResult[] = [];
  try {
    for (const service of PIPELINE_SERVICES) supervisor.start(service);
    const url = `http://127.0.0.1:${port}`;
    await waitForServices(url);
    for (const scenario of scenarios) {
      const started = Date.now();
      let reason: string | null;
      try {
        reason = await runOne(scenario, sim, feishu, url, apiToken);
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
      const result = {
        name: scenario.name,
        passed: reason === null,
        reason: reason ?? '',
        seconds: (Date.now() - started) / 1000,
      };
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    await supervisor.stop();
    await feishu.close();
    await sim.close();
    await rm(work, { recursive: true, force: true });
    await deletePrefixAt(redisUrl, prefix);
  }
  return results;
}

async function waitForServices(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const health = await fetch(`${url}/api/v1/health`)
      .then((r) => r.json() as Promise<{ data: { workers: Record<string, number> } }>)
      .catch(() => undefined);
    if (health && STAGES.every((s) => (health.data.workers[s] ?? 0) > 0)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the services did not start within 60 s');
}

async function runOne(
  scenario: Scenario,
  sim: ClusterSim,
  feishu: FeishuServer,
  url: string,
  apiToken: string,
): Promise<string | null> {
  const { namespace, deployment } = scenario.expect.target;
  sim.reset(scenario.manifests);
  const warm = await warmUpScenario(sim, scenario);
  if (!warm.symptomsShown)
    return `the workload never showed its symptoms in ${warm.simSeconds} simulated seconds`;
  const before = structuredClone(observeWorkload(sim.cluster, namespace, deployment).deployment!);
  const response = await fetch(`${url}/api/v1/autofix`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      deployment,
      namespace,
      event: scenario.expect.event,
      force: scenario.expect.force ?? false,
    }),
  });
  const body = (await response.json()) as {
    message: string;
    data: (AutofixData & { incident_id: string }) | null;
  };
  if (!body.data?.status) return `autofix answered HTTP ${response.status}: ${body.message}`;
  const answer = body.data;
  const readyInTime =
    scenario.expect.outcome !== 'fixed' ||
    (await sim.waitFor(() => observeWorkload(sim.cluster, namespace, deployment).allReplicasReady, {
      simSeconds: 120,
    }));
  const notifications = await notificationsAbout(
    feishu,
    answer.incident_id,
    scenario.expect.outcome === 'escalated',
  );
  const after = observeWorkload(sim.cluster, namespace, deployment).deployment!;
  return judgeScenario(scenario, { before, after, answer, readyInTime, notifications });
}

/** The Feishu messages that mention the incident; waits for one when one is due. */
async function notificationsAbout(
  feishu: FeishuServer,
  incidentId: string,
  expectOne: boolean,
): Promise<string[]> {
  const deadline = Date.now() + (expectOne ? 30_000 : 3_000);
  for (;;) {
    const texts = feishu.received.map((m) => JSON.stringify(m.body)).filter((t) => t.includes(incidentId));
    if ((expectOne && texts.length > 0) || Date.now() > deadline) return texts;
    await new Promise((r) => setTimeout(r, 200));
  }
}
