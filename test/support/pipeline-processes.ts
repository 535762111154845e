import { STAGES } from '@aiops/contracts';
import { waitFor } from '@aiops/testkit/wait-for';
import { type ServiceProcess, serviceEntry, startServiceProcess } from './service-process';

const STAGE_SERVICES = { detect: 'detector', analyze: 'analyzer', plan: 'planner', fix: 'fixer', notify: 'notifier' };

export interface RunningPipeline {
  url: string;
  token: string;
  processes: ServiceProcess[];
  stop(): Promise<void>;
}

/** The ingress and every stage as separate processes on a Redis prefix of their own. */
export async function startPipeline(env: Record<string, string>): Promise<RunningPipeline> {
  const token = 'e2e-webhook-token-000001';
  const common = { LOG_LEVEL: 'info', WEBHOOK_TOKEN: token, WORKER_LOCK_MS: '5000', STAGE_BACKOFF_MS: '200', ...env };
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
      const health = (await (await fetch(`${url}/api/v1/health`)).json()) as { data: { workers: Record<string, number> } };
      return STAGES.every((s) => (health.data.workers[s] ?? 0) > 0);
    },
    { timeoutMs: 30_000, what: 'a worker on every stage' },
  );
  const processes = [ingress, ...stages];
  return { url, token, processes, stop: async () => void (await Promise.all(processes.map((p) => p.stop()))) };
}
