import { type ClusterSim, startClusterSim } from '@aiops/cluster-sim';
import { createRedis } from '@aiops/runtime';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../src/audit';
import { runAutofix } from '../src/autofix';
import { createKubeApis } from '../src/client';
import { Cluster } from '../src/cluster';

const policy = { allowedNamespaces: ['*'], protectedNamespaces: ['kube-system'], maxReplicas: 20 };

function deployment(
  name: string,
  annotations: Record<string, string>,
  container: object,
  namespace = 'default',
) {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations },
        spec: {
          containers: [
            {
              name: 'app',
              image: `registry.example.com/${name}:1.0`,
              ports: [{ containerPort: 8080 }],
              ...container,
            },
          ],
        },
      },
    },
  });
}

let sim: ClusterSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(manifests: string, warmUpSeconds = 120) {
  sim = await startClusterSim({ speed: 40, manifests });
  await sim.waitFor(() => false, { simSeconds: warmUpSeconds });
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig());
  return new Cluster(createKubeApis(kc));
}

const readiness = { readinessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 10 } };
// Settle 2 s at 40x: a fix must hold for 80 simulated seconds.
const deps = (cluster: Cluster) => ({
  cluster,
  policy,
  maxRounds: 3,
  verifyTimeoutMs: 15_000,
  settleMs: 2000,
  pollMs: 250,
});
const input = (deployment: string, apply = true, namespace = 'default') => ({
  namespace,
  deployment,
  event: 'test',
  apply,
  actor: 'test',
});

describe('autofix safety', () => {
  it('escalates a crash loop quoting the last log line, changing nothing', async () => {
    const cluster = await start(
      deployment(
        'crasher',
        {
          'sim.aiops.dev/exit-code': '2',
          'sim.aiops.dev/exit-log': 'panic: config file /etc/app.yaml is corrupt',
        },
        readiness,
      ),
    );
    const before = await cluster.getDeployment('default', 'crasher');
    const report = await runAutofix(deps(cluster), input('crasher'));
    expect(report.status, report.error).toBe('escalated');
    const crash = report.findings.find((f) => f.category === 'crash-loop');
    expect(crash?.message).toContain('panic: config file /etc/app.yaml is corrupt');
    expect(crash?.fixable).toBe(false);
    expect((await cluster.getDeployment('default', 'crasher'))?.spec).toEqual(before?.spec);
  });

  it('escalates pods that need an extended resource no node has, without lowering it', async () => {
    const cluster = await start(
      deployment(
        'trainer',
        {},
        {
          ...readiness,
          resources: { requests: { cpu: '100m', 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } },
        },
      ),
      30,
    );
    const report = await runAutofix(deps(cluster), input('trainer'));
    expect(report.status, report.error).toBe('escalated');
    expect(report.findings.find((f) => f.category === 'resources-unschedulable')).toMatchObject({
      fixable: false,
    });
    expect(report.error).toMatch(/nvidia\.com\/gpu/);
    expect(report.actions.every((a) => a.kind === 'escalate')).toBe(true);
  });

  it('only proposes without apply: a server dry-run, no change', async () => {
    const cluster = await start(
      deployment(
        'slowpoke',
        { 'sim.aiops.dev/startup-seconds': '40' },
        {
          ...readiness,
          livenessProbe: {
            httpGet: { path: '/', port: 8080 },
            initialDelaySeconds: 5,
            periodSeconds: 5,
            failureThreshold: 3,
          },
        },
      ),
    );
    const before = await cluster.getDeployment('default', 'slowpoke');
    const report = await runAutofix(deps(cluster), input('slowpoke', false));
    expect(report.status, report.error).toBe('proposed');
    expect(report.actions[0]).toMatchObject({ outcome: 'skipped', dryRun: { ok: true } });
    expect(report.actions[0]?.changes.map((c) => c.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/containers\[app\]\.startupProbe/)]),
    );
    expect((await cluster.getDeployment('default', 'slowpoke'))?.spec).toEqual(before?.spec);
  });

  it('refuses kube-system whatever is asked, and records the refusal', async () => {
    const cluster = await start(
      deployment(
        'coredns',
        { 'sim.aiops.dev/memory-working-set': '300Mi' },
        {
          ...readiness,
          resources: { limits: { memory: '128Mi' } },
        },
        'kube-system',
      ),
      60,
    );
    const before = await cluster.getDeployment('kube-system', 'coredns');
    const report = await runAutofix(deps(cluster), input('coredns', true, 'kube-system'));
    expect(report.status, report.error).toBe('refused');
    expect(report.actions[0]).toMatchObject({ outcome: 'refused' });
    expect((await cluster.getDeployment('kube-system', 'coredns'))?.spec).toEqual(before?.spec);
  });

  it('rolls back to the original spec when no fix verifies, and keeps the audit in Redis', async () => {
    const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
    const prefix = testPrefix('audit');
    const audit = new AuditLog(redis, prefix);
    // Needs 20Gi: more memory than the node has, so raising the limit can never be enough.
    const cluster = await start(
      deployment(
        'hog',
        { 'sim.aiops.dev/memory-working-set': '20Gi' },
        {
          ...readiness,
          resources: { requests: { memory: '64Mi' }, limits: { memory: '128Mi' } },
        },
      ),
      60,
    );
    const before = await cluster.getDeployment('default', 'hog');
    const report = await runAutofix({ ...deps(cluster), audit }, input('hog'));
    expect(report.status, report.error).toBe('escalated');
    expect(report.actions.filter((a) => a.outcome === 'applied').length).toBeGreaterThan(0);
    expect(report.actions.at(-2)).toMatchObject({ kind: 'rollback', outcome: 'rolled-back' });
    expect((await cluster.getDeployment('default', 'hog'))?.spec?.template).toEqual(before?.spec?.template);
    const stored = await audit.list({ namespace: 'default', deployment: 'hog', limit: 50 });
    expect(stored.map((a) => a.id).sort()).toEqual(report.actions.map((a) => a.id).sort());
    expect(stored.every((a) => a.actor === 'test' && a.reason === 'test')).toBe(true);
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });
});
