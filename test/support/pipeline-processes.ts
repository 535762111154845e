import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClusterSim, startClusterSim } from '@aiops/cluster-sim';
import { STAGES } from '@aiops/contracts';
import { type FeishuServer, startFeishuServer } from '@aiops/testkit/feishu-server';
import { waitFor } from '@aiops/testkit/wait-for';
import { type ServiceProcess, serviceEntry, startServiceProcess } from './service-process';

const STAGE_SERVICES = {
  detect: 'detector',
  analyze: 'analyzer',
  plan: 'planner',
  fix: 'fixer',
  notify: 'notifier',
};
const SCENARIOS = new URL('../../../shared/scenarios/k8s/', import.meta.url).pathname;

export interface RunningPipeline {
  url: string;
  /** The environment the services share, for more processes on the same pipeline. */
  env: Record<string, string>;
  token: string;
  sim: ClusterSim;
  feishu: FeishuServer;
  processes: ServiceProcess[];
  stop(): Promise<void>;
}

/**
 * The ingress and every stage as separate processes on a Redis prefix of their own, over a simulated cluster
 * holding the named shared scenarios, with notifications going to a local Feishu receiver.
 */
export async function startPipeline(
  env: Record<string, string>,
  scenarios: string[] = [],
  simSpeed = 20,
): Promise<RunningPipeline> {
  const token = 'e2e-webhook-token-000001';
  const manifests = scenarios
    .map((s) => readFileSync(join(SCENARIOS, s, 'manifests.yaml'), 'utf8'))
    .join('\n---\n');
  const sim = await startClusterSim({ speed: simSpeed, manifests });
  const dir = mkdtempSync(join(tmpdir(), 'aiops-e2e-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await sim.writeKubeconfig(kubeconfig);
  const feishuSecret = 'e2e-feishu-secret-0001';
  const feishu = await startFeishuServer({ secret: feishuSecret });
  const common = {
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
    WEBHOOK_TOKEN: token,
    WORKER_LOCK_MS: '5000',
    STAGE_BACKOFF_MS: '200',
    KUBECONFIG: kubeconfig,
    FEISHU_WEBHOOK_URL: feishu.url,
    FEISHU_SECRET: feishuSecret,
    AUTOFIX_VERIFY_TIMEOUT_S: '20',
    AUTOFIX_SETTLE_S: '2',
    PROMETHEUS_URL: 'http://127.0.0.1:1',
    ...env,
  };
  const ingress = startServiceProcess(serviceEntry('ingress'), {
    ...common,
    PORT: '0',
    HOST: '127.0.0.1',
    API_TOKEN: 'e2e-api-token-0000000001',
    DASHBOARD_PASSWORD: 'e2e-dashboard-01',
  });
  const stages = STAGES.map((stage) => startServiceProcess(serviceEntry(STAGE_SERVICES[stage]), common));
  const listening = await ingress.waitForLine(/ingress listening/);
  const url = (JSON.parse(listening) as { url: string }).url;
  await waitFor(
    async () => {
      const health = (await (await fetch(`${url}/api/v1/health`)).json()) as {
        data: { workers: Record<string, number> };
      };
      return STAGES.every((s) => (health.data.workers[s] ?? 0) > 0);
    },
    { timeoutMs: 30_000, what: 'a worker on every stage' },
  );
  const processes = [ingress, ...stages];
  return {
    url,
    env: common,
    token,
    sim,
    feishu,
    processes,
    stop: async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await feishu.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
