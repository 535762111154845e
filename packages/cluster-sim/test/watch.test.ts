import { type KubernetesObject, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterSim, startClusterSim } from '../src/index';
import { clients, START, scenarioManifests } from './helpers';

interface Seen {
  type: string;
  name: string;
  resourceVersion: number;
  phase?: string;
  ready?: number;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

function record(into: Seen[]) {
  return (
    type: string,
    object: KubernetesObject & { status?: { phase?: string; readyReplicas?: number } },
  ) => {
    into.push({
      type,
      name: object.metadata?.name ?? '',
      resourceVersion: Number(object.metadata?.resourceVersion),
      ...(object.status?.phase ? { phase: object.status.phase } : {}),
      ...(object.status?.readyReplicas !== undefined ? { ready: object.status.readyReplicas } : {}),
    });
  };
}

describe('watch', () => {
  let sim: ClusterSim;
  let watch: Watch;
  const controllers: AbortController[] = [];

  beforeAll(async () => {
    sim = await startClusterSim({ manualClock: true, startTime: START });
    watch = new Watch(clients(sim).kc);
  });
  afterAll(async () => {
    for (const c of controllers) c.abort();
    await sim.close();
  });

  it('streams deployment and pod changes in resourceVersion order, filtered by label selector', async () => {
    const deployments: Seen[] = [];
    const pods: Seen[] = [];
    controllers.push(
      await watch.watch('/apis/apps/v1/namespaces/default/deployments', {}, record(deployments), () => {}),
    );
    controllers.push(
      await watch.watch(
        '/api/v1/namespaces/default/pods',
        { labelSelector: 'app=nginx' },
        record(pods),
        () => {},
      ),
    );
    sim.apply(scenarioManifests('nginx-deployment'));
    sim.apply(scenarioManifests('oom-killed'));
    sim.advance(30);
    await until(
      () => deployments.some((d) => d.ready === 3) && pods.filter((p) => p.phase === 'Running').length >= 3,
    );

    expect(deployments[0]).toMatchObject({ type: 'ADDED', name: 'nginx-deployment' });
    expect(
      deployments.some((d) => d.type === 'MODIFIED' && d.name === 'nginx-deployment' && d.ready === 3),
    ).toBe(true);
    const versions = deployments.map((d) => d.resourceVersion);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(pods.map((p) => p.name)).size).toBe(3);
    expect(pods.every((p) => p.name.startsWith('nginx-deployment-'))).toBe(true);
    expect(pods.filter((p) => p.type === 'ADDED')).toHaveLength(3);

    await clients(sim).apps.deleteNamespacedDeployment({ namespace: 'default', name: 'nginx-deployment' });
    sim.advance(5);
    await until(() => pods.filter((p) => p.type === 'DELETED').length === 3);
    expect(pods.filter((p) => p.type === 'DELETED')).toHaveLength(3);
    expect(deployments.at(-1)).toMatchObject({ type: 'DELETED', name: 'nginx-deployment' });
  });

  it('resumes after a resourceVersion and answers 410 Gone when it is too old', async () => {
    const { apps } = clients(sim);
    const list = await apps.listNamespacedDeployment({ namespace: 'default' });
    const from = list.metadata?.resourceVersion ?? '';
    await apps.patchNamespacedDeployment({
      namespace: 'default',
      name: 'cache-warmer',
      body: [{ op: 'replace', path: '/spec/replicas', value: 1 }],
    });
    const resumed: Seen[] = [];
    controllers.push(
      await watch.watch(
        '/apis/apps/v1/namespaces/default/deployments',
        { resourceVersion: from },
        record(resumed),
        () => {},
      ),
    );
    await until(() => resumed.length > 0);
    expect(resumed[0]).toMatchObject({ type: 'MODIFIED', name: 'cache-warmer' });
    expect(resumed[0]!.resourceVersion).toBeGreaterThan(Number(from));

    const errors: { type: string; code?: number }[] = [];
    controllers.push(
      await watch.watch(
        '/apis/apps/v1/namespaces/default/deployments',
        { resourceVersion: '1' },
        (type, object: { code?: number }) => errors.push({ type, code: object.code }),
        () => {},
      ),
    );
    await until(() => errors.length > 0);
    expect(errors[0]).toEqual({ type: 'ERROR', code: 410 });
  });
});
