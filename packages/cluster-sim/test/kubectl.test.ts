import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterSim, observeWorkload, startClusterSim } from '../src/index';
import { scenarioManifests } from './helpers';

/** kubectl from KUBECTL or the PATH; this suite needs it (Debian: kubernetes-client). */
const KUBECTL = process.env.KUBECTL ?? 'kubectl';
const available = (() => {
  try {
    execFileSync(KUBECTL, ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!available)('kubectl against the simulated cluster', () => {
  let sim: ClusterSim;
  let dir: string;

  const kubectl = (...args: string[]) =>
    new Promise<string>((resolve, reject) => {
      execFile(
        KUBECTL,
        ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), ...args],
        { timeout: 90_000 },
        (error, stdout, stderr) =>
          error
            ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr || error.message}`))
            : resolve(stdout),
      );
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cluster-sim-kubectl-'));
    // Simulated time runs ahead of the wall clock; starting a day back keeps kubectl's ages positive.
    sim = await startClusterSim({
      speed: 30,
      startTime: new Date(Date.now() - 24 * 3600_000),
      manifests: scenarioManifests('liveness-wrong-path'),
    });
    await sim.writeKubeconfig(join(dir, 'kubeconfig'));
    const restarted = await sim.waitFor(
      () => observeWorkload(sim.cluster, 'shop', 'api-server').pods.some((p) => p.restarts > 0),
      { simSeconds: 180 },
    );
    expect(restarted).toBe(true);
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('gets pods as a table', async () => {
    const out = await kubectl('get', 'pods', '-n', 'shop');
    const [header, ...rows] = out.trim().split('\n');
    expect(header?.split(/\s+/)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatch(
        /^api-server-[a-z0-9]+-[a-z0-9]{5}\s+[01]\/1\s+(Running|CrashLoopBackOff|Error)\s+[1-9]/,
      );
  });

  it('describes a pod with its probes, restarts and events', async () => {
    const name = (
      await kubectl('get', 'pods', '-n', 'shop', '-o', 'jsonpath={.items[0].metadata.name}')
    ).trim();
    const out = await kubectl('describe', 'pod', name, '-n', 'shop');
    expect(out).toContain(`Name:             ${name}`);
    expect(out).toMatch(
      /Liveness:\s+http-get http:\/\/:8080\/health delay=0s timeout=1s period=10s #success=1 #failure=3/,
    );
    expect(out).toMatch(/Restart Count:\s+[1-9]/);
    expect(out).toContain('Liveness probe failed: HTTP probe failed with statuscode: 404');
    expect(out).toContain('Container api failed liveness probe, will be restarted');
  });

  it('patches the deployment and follows the rollout to the end', async () => {
    const patch = JSON.stringify({
      spec: {
        template: {
          spec: {
            containers: [{ name: 'api', livenessProbe: { httpGet: { path: '/healthz', port: 8080 } } }],
          },
        },
      },
    });
    expect((await kubectl('patch', 'deployment', 'api-server', '-n', 'shop', '-p', patch)).trim()).toBe(
      'deployment.apps/api-server patched',
    );
    const status = await kubectl('rollout', 'status', 'deployment/api-server', '-n', 'shop', '--timeout=80s');
    expect(status.trim().split('\n').at(-1)).toBe('deployment "api-server" successfully rolled out');
    expect(
      await kubectl(
        'get',
        'deployment',
        'api-server',
        '-n',
        'shop',
        '-o',
        'jsonpath={.status.readyReplicas}',
      ),
    ).toBe('2');
    const path = await kubectl(
      'get',
      'deployment',
      'api-server',
      '-n',
      'shop',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].livenessProbe.httpGet.path}',
    );
    expect(path).toBe('/healthz');
  });
});
