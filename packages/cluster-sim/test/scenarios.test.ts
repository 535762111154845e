import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClusterSim,
  loadScenarios,
  observeWorkload,
  type Scenario,
  startScenarioSim,
  type WorkloadObservation,
  warmUpScenario,
} from '../src/index';
import { clients, SCENARIOS_DIR, START } from './helpers';

let scenarios: Scenario[];
let sim: ClusterSim | undefined;

beforeAll(async () => {
  scenarios = await loadScenarios(SCENARIOS_DIR);
});
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function scenario(name: string): Scenario {
  const found = scenarios.find((s) => s.name === name);
  if (!found) throw new Error(`scenario ${name} is not in ${SCENARIOS_DIR}`);
  return found;
}

async function warmUp(name: string): Promise<{ observation: WorkloadObservation; s: Scenario }> {
  const s = scenario(name);
  sim = await startScenarioSim(s, { manualClock: true, startTime: START });
  const result = await warmUpScenario(sim, s);
  expect(result.symptomsShown).toBe(true);
  return { observation: result.observation, s };
}

function messages(observation: WorkloadObservation, reason: string): string[] {
  return observation.events.filter((e) => e.reason === reason).map((e) => e.message);
}

/** Applies a strategic merge patch to the target deployment, as an autofix would through client-node. */
async function patchTarget(s: Scenario, body: object): Promise<void> {
  const { apps } = clients(sim!);
  await apps.patchNamespacedDeployment(
    { namespace: s.expect.target.namespace, name: s.expect.target.deployment, body },
    setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
  );
}

async function readyWithin120s(s: Scenario): Promise<boolean> {
  const { namespace, deployment } = s.expect.target;
  return sim!.waitFor(() => observeWorkload(sim!.cluster, namespace, deployment).allReplicasReady, {
    simSeconds: 120,
  });
}

const container = (name: string, fields: object) => ({
  spec: { template: { spec: { containers: [{ name, ...fields }] } } },
});

describe('the shared Kubernetes scenarios', () => {
  it('loads every scenario folder with a typed expectation', () => {
    expect(scenarios.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'image-pull',
        'liveness-wrong-path',
        'missing-env',
        'nginx-deployment',
        'nginx-problematic',
        'oom-killed',
        'slow-start',
      ]),
    );
    expect(scenario('nginx-problematic').expect).toMatchObject({
      target: { namespace: 'default', deployment: 'nginx-problematic' },
      force: true,
      outcome: 'fixed',
      findings: ['resources-unschedulable', 'probe-path-not-found', 'probe-too-aggressive'],
    });
  });

  it('nginx-deployment is healthy', async () => {
    const { observation } = await warmUp('nginx-deployment');
    expect(observation.allReplicasReady).toBe(true);
    expect(observation.pods).toHaveLength(3);
    expect(observation.events.filter((e) => e.type === 'Warning')).toEqual([]);
  });

  it('nginx-problematic: Pending with FailedScheduling, then readiness 404s; lowering requests and fixing the probe makes it Ready', async () => {
    const { observation, s } = await warmUp('nginx-problematic');
    expect(observation.pods.every((p) => p.phase === 'Pending' && !p.nodeName)).toBe(true);
    expect(messages(observation, 'FailedScheduling')[0]).toMatch(
      /^0\/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory\./,
    );

    await patchTarget(
      s,
      container('nginx', {
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
      }),
    );
    sim!.advance(30);
    const scheduled = observeWorkload(sim!.cluster, 'default', 'nginx-problematic');
    expect(scheduled.pods.some((p) => p.nodeName === 'sim-node-1' && p.phase === 'Running' && !p.ready)).toBe(
      true,
    );
    expect(messages(scheduled, 'Unhealthy')).toContain(
      'Readiness probe failed: HTTP probe failed with statuscode: 404',
    );

    await patchTarget(
      s,
      container('nginx', {
        readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10, failureThreshold: 3 },
      }),
    );
    expect(await readyWithin120s(s)).toBe(true);
  });

  it('liveness-wrong-path: liveness 404 kills and restarts into CrashLoopBackOff; pointing it at /healthz makes it Ready', async () => {
    const { observation, s } = await warmUp('liveness-wrong-path');
    expect(messages(observation, 'Unhealthy')).toContain(
      'Liveness probe failed: HTTP probe failed with statuscode: 404',
    );
    expect(messages(observation, 'Killing')).toContain(
      'Container api failed liveness probe, will be restarted',
    );
    expect(
      messages(observation, 'BackOff').some((m) =>
        m.startsWith('Back-off restarting failed container api in pod api-server-'),
      ),
    ).toBe(true);
    expect(observation.pods.every((p) => p.restarts >= 2)).toBe(true);

    await patchTarget(s, container('api', { livenessProbe: { httpGet: { path: '/healthz', port: 8080 } } }));
    expect(await readyWithin120s(s)).toBe(true);
  });

  it('slow-start: liveness kills the app before it answers; a startup probe makes it Ready', async () => {
    const { observation, s } = await warmUp('slow-start');
    expect(messages(observation, 'Unhealthy')).toContain(
      `Liveness probe failed: Get "http://${podIp(observation)}:8080/actuator/health": dial tcp ${podIp(observation)}:8080: connect: connection refused`,
    );
    expect(messages(observation, 'Killing')).toContain(
      'Container reports failed liveness probe, will be restarted',
    );
    expect(observation.pods[0]?.ready).toBe(false);
    expect(observation.pods[0]?.restarts).toBeGreaterThanOrEqual(2);

    await patchTarget(
      s,
      container('reports', {
        startupProbe: {
          httpGet: { path: '/actuator/health', port: 8080 },
          periodSeconds: 5,
          failureThreshold: 24,
        },
      }),
    );
    expect(await readyWithin120s(s)).toBe(true);
    const after = observeWorkload(sim!.cluster, 'default', 'reports');
    expect(after.pods.every((p) => p.restarts === 0)).toBe(true);
  });

  it('oom-killed: exits 137 OOMKilled; raising the memory limit makes it Ready', async () => {
    const { observation, s } = await warmUp('oom-killed');
    expect(observation.pods.every((p) => p.lastTerminationReasons.includes('OOMKilled'))).toBe(true);
    const pod = await clients(sim!).core.readNamespacedPod({
      namespace: 'default',
      name: observation.pods[0]!.name,
    });
    expect(pod.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({
      exitCode: 137,
      reason: 'OOMKilled',
    });
    const nodeEvents = await clients(sim!).core.listNamespacedEvent({
      namespace: 'default',
      fieldSelector: 'involvedObject.kind=Node,reason=OOMKilling',
    });
    expect(nodeEvents.items[0]?.message).toMatch(
      /^Memory cgroup out of memory: Killed process \d+ \(warmer\)/,
    );

    await patchTarget(s, container('warmer', { resources: { limits: { memory: '512Mi' } } }));
    expect(await readyWithin120s(s)).toBe(true);
  });

  it('missing-env: exits 1 logging the variable; only the missing variable would fix it', async () => {
    const { observation, s } = await warmUp('missing-env');
    expect(
      observation.pods.every((p) => p.waitingReasons.includes('CrashLoopBackOff') || p.restarts > 0),
    ).toBe(true);
    const { core } = clients(sim!);
    const log = await core.readNamespacedPodLog({
      namespace: 'default',
      name: observation.pods[0]!.name,
      previous: true,
      tailLines: 1,
    });
    expect(log).toBe('missing required environment variable DATABASE_URL\n');
    const pod = await core.readNamespacedPod({ namespace: 'default', name: observation.pods[0]!.name });
    expect(pod.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({
      exitCode: 1,
      reason: 'Error',
    });

    sim!.advance(300);
    expect(observeWorkload(sim!.cluster, 'default', 'orders').allReplicasReady).toBe(false);
    await patchTarget(
      s,
      container('orders', { env: [{ name: 'DATABASE_URL', value: 'postgres://db/orders' }] }),
    );
    expect(await readyWithin120s(s)).toBe(true);
  });

  it('image-pull: ErrImagePull, then ImagePullBackOff with back-off', async () => {
    const { observation } = await warmUp('image-pull');
    expect(observation.pods.every((p) => p.phase === 'Pending' && p.nodeName === 'sim-node-1')).toBe(true);
    expect(observation.pods.every((p) => ['ErrImagePull', 'ImagePullBackOff'].includes(p.status))).toBe(true);
    expect(messages(observation, 'Failed')).toEqual(
      expect.arrayContaining(['Error: ErrImagePull', 'Error: ImagePullBackOff']),
    );
    expect(messages(observation, 'BackOff')).toContain(
      'Back-off pulling image "registry.example.com/payments:7.1.O"',
    );
    const pulls = observation.events.filter((e) => e.reason === 'Pulling');
    expect(pulls.every((e) => e.count >= 3 && e.count <= 6)).toBe(true);
    sim!.advance(600);
    expect(observeWorkload(sim!.cluster, 'default', 'payments').allReplicasReady).toBe(false);
  });
});

function podIp(observation: WorkloadObservation): string {
  const message = observation.events.find((e) => e.reason === 'Unhealthy')?.message ?? '';
  return /http:\/\/([\d.]+):/.exec(message)?.[1] ?? 'unknown';
}
