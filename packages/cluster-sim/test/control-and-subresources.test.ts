import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClusterSim,
  loadScenarios,
  observeWorkload,
  SimControlClient,
  startClusterSim,
} from '../src/index';
import { clients, raw, START, scenarioManifests, statusOf } from './helpers';

describe('the /sim/v1 control API', () => {
  let sim: ClusterSim;
  beforeAll(async () => {
    sim = await startClusterSim({ manualClock: true, startTime: START });
  });
  afterAll(() => sim.close());

  it('reads and advances the clock, applies manifests and resets the cluster', async () => {
    const control = new SimControlClient(sim.url, sim.token, sim.caCertificate);
    expect(await control.clock()).toEqual({
      now: START.toISOString(),
      nowMs: START.getTime(),
      speed: 1,
      manual: true,
    });
    const applied = await control.apply(scenarioManifests('liveness-wrong-path'));
    expect(applied).toEqual([
      { kind: 'Namespace', name: 'shop', action: 'created' },
      { kind: 'Deployment', namespace: 'shop', name: 'api-server', action: 'created' },
    ]);
    expect((await control.apply(scenarioManifests('liveness-wrong-path'))).map((a) => a.action)).toEqual([
      'unchanged',
      'unchanged',
    ]);
    const later = await control.advance(90);
    expect(later.nowMs).toBe(START.getTime() + 90_000);
    expect(observeWorkload(sim.cluster, 'shop', 'api-server').pods.every((p) => p.restarts > 0)).toBe(true);

    const reset = await control.reset(scenarioManifests('nginx-deployment'));
    expect(reset).toEqual([
      { kind: 'Deployment', namespace: 'default', name: 'nginx-deployment', action: 'created' },
    ]);
    const { core } = clients(sim);
    expect((await statusOf(core.readNamespace({ name: 'shop' })))?.code).toBe(404);
    expect((await core.listNode()).items.map((n) => n.metadata?.name)).toEqual(['sim-node-1']);
    await expect(control.advance(-1)).rejects.toThrow(/400/);
    const fromKubeconfig = SimControlClient.fromKubeconfig(sim.kubeconfig());
    expect((await fromKubeconfig.clock()).nowMs).toBe(sim.now());
    await expect(
      control.apply('kind: Widget\napiVersion: example.com/v1\nmetadata: {name: w}'),
    ).rejects.toThrow(/does not serve Widget/);
  });

  it('takes Nodes from the manifests instead of the default node', async () => {
    const nodes = `apiVersion: v1
kind: Node
metadata: { name: gpu-node, labels: { accelerator: a100 } }
status: { capacity: { cpu: "8", memory: 32Gi, nvidia.com/gpu: "1" } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: trainer, namespace: default }
spec:
  replicas: 2
  selector: { matchLabels: { app: trainer } }
  template:
    metadata: { labels: { app: trainer } }
    spec:
      containers:
        - name: trainer
          image: registry.example.com/trainer:1.0.0
          resources: { requests: { cpu: "1", nvidia.com/gpu: "1" }, limits: { nvidia.com/gpu: "1" } }
`;
    sim.reset(nodes);
    sim.advance(30);
    const { core } = clients(sim);
    expect((await core.listNode()).items.map((n) => n.metadata?.name)).toEqual(['gpu-node']);
    const workload = observeWorkload(sim.cluster, 'default', 'trainer');
    expect(workload.pods.filter((p) => p.nodeName === 'gpu-node')).toHaveLength(1);
    const failed = workload.events.filter((e) => e.reason === 'FailedScheduling').map((e) => e.message);
    expect(failed[0]).toMatch(/^0\/1 nodes are available: 1 Insufficient nvidia\.com\/gpu\./);
  });
});

describe('pods/log and pods/proxy', () => {
  let sim: ClusterSim;
  beforeAll(async () => {
    sim = await startClusterSim({
      manualClock: true,
      startTime: START,
      manifests: scenarioManifests('slow-start'),
    });
  });
  afterAll(() => sim.close());

  const podName = () => observeWorkload(sim.cluster, 'default', 'reports').pods[0]!.name;

  it('proxies to the container as it would answer: refused while starting, then 200 on its paths and 404 elsewhere', async () => {
    sim.advance(5);
    const name = podName();
    const starting = await raw(
      sim,
      'GET',
      `/api/v1/namespaces/default/pods/${name}:8080/proxy/actuator/health`,
    );
    expect(starting.status).toBe(503);
    expect(JSON.parse(starting.text).message).toMatch(
      /^error trying to reach service: dial tcp 10\.244\.0\.\d+:8080: connect: connection refused$/,
    );

    await clients(sim).apps.patchNamespacedDeployment({
      namespace: 'default',
      name: 'reports',
      body: [{ op: 'remove', path: '/spec/template/spec/containers/0/livenessProbe' }],
    });
    sim.advance(60);
    const ready = podName();
    const { core } = clients(sim);
    expect(
      await core.connectGetNamespacedPodProxyWithPath({
        namespace: 'default',
        name: `${ready}:8080`,
        path: 'actuator/health',
      }),
    ).toBe('OK\n');
    const missing = await raw(sim, 'GET', `/api/v1/namespaces/default/pods/${ready}:8080/proxy/health`);
    expect(missing.status).toBe(404);
    const wrongPort = await raw(
      sim,
      'GET',
      `/api/v1/namespaces/default/pods/${ready}:9090/proxy/actuator/health`,
    );
    expect(wrongPort.status).toBe(503);
  });

  it('serves container logs with tailLines and previous', async () => {
    const name = podName();
    const { core } = clients(sim);
    const log = await core.readNamespacedPodLog({ namespace: 'default', name });
    const lines = log.trim().split('\n');
    expect(lines[0]).toBe('Starting reports 1.0.3');
    expect(lines[1]).toBe('Listening on :8080');
    expect(lines.slice(2).every((l) => l.includes('"GET /actuator/health HTTP/1.1" 200'))).toBe(true);
    expect(await core.readNamespacedPodLog({ namespace: 'default', name, tailLines: 1 })).toBe(
      `${lines.at(-1)}\n`,
    );
    const previous = await statusOf(
      core.readNamespacedPodLog({ namespace: 'default', name, previous: true }),
    );
    expect(previous?.code).toBe(400);
    const stamped = await core.readNamespacedPodLog({
      namespace: 'default',
      name,
      timestamps: true,
      tailLines: 1,
    });
    expect(stamped).toMatch(/^2026-03-01T08:\d\d:\d\d\.\d{9}Z /);
  });
});

describe('scenario loading', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cluster-sim-scenarios-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads any folder in the format and names what is wrong with a bad one', async () => {
    await mkdir(join(dir, 'good'));
    await writeFile(join(dir, 'good', 'manifests.yaml'), scenarioManifests('nginx-deployment'));
    await writeFile(
      join(dir, 'good', 'expect.yaml'),
      'target: { deployment: nginx-deployment }\noutcome: healthy\n',
    );
    await writeFile(join(dir, 'README.md'), '# not a scenario');
    const [good] = await loadScenarios(dir);
    expect(good?.expect).toEqual({
      target: { namespace: 'default', deployment: 'nginx-deployment' },
      event: '',
      force: false,
      findings: [],
      outcome: 'healthy',
      unchanged: [],
    });

    await mkdir(join(dir, 'bad'));
    await writeFile(join(dir, 'bad', 'manifests.yaml'), scenarioManifests('nginx-deployment'));
    await writeFile(
      join(dir, 'bad', 'expect.yaml'),
      'target: { deployment: nginx-deployment }\noutcome: repaired\nfindings: [cosmic-rays]\n',
    );
    await expect(loadScenarios(dir)).rejects.toThrow(
      /scenario bad: expect\.yaml: findings\.0: .*; outcome: /,
    );

    await writeFile(join(dir, 'bad', 'expect.yaml'), 'target: { deployment: other }\noutcome: fixed\n');
    await expect(loadScenarios(dir)).rejects.toThrow(
      'scenario bad: expect.yaml targets deployment default/other, which manifests.yaml does not define',
    );
  });
});
