import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterSim, startClusterSim } from '../src/index';
import { raw, START, scenarioManifests } from './helpers';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

const busy = `apiVersion: apps/v1
kind: Deployment
metadata: { name: busy, namespace: default }
spec:
  replicas: 1
  selector: { matchLabels: { app: busy } }
  template:
    metadata:
      labels: { app: busy }
      annotations: { sim.aiops.dev/request-rate: "50", sim.aiops.dev/error-ratio: "0.1", sim.aiops.dev/cpu-usage: "500m", sim.aiops.dev/response-ms: "40" }
    spec:
      containers:
        - name: app
          image: registry.example.com/busy:1.0.0
          ports: [{ containerPort: 8080 }]
`;

describe('/metrics', () => {
  let sim: ClusterSim;
  const scrape = async () => {
    const response = await raw(sim, 'GET', '/metrics', { token: null });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain; version=0.0.4');
    return parse(response.text);
  };
  const find = (samples: Sample[], name: string, labels: Record<string, string>) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

  beforeAll(async () => {
    sim = await startClusterSim({ manualClock: true, startTime: START });
    sim.apply(scenarioManifests('nginx-deployment'));
    sim.apply(scenarioManifests('oom-killed'));
    sim.apply(busy);
    sim.advance(60);
  });
  afterAll(() => sim.close());

  it('exports kube-state-metrics series that follow the pods and deployments', async () => {
    const samples = await scrape();
    const warmerRestarts = find(samples, 'kube_pod_container_status_restarts_total', {
      namespace: 'default',
      container: 'warmer',
    });
    expect(warmerRestarts).toHaveLength(2);
    expect(warmerRestarts.every((s) => s.value >= 2)).toBe(true);
    expect(
      find(samples, 'kube_pod_container_status_last_terminated_reason', {
        container: 'warmer',
        reason: 'OOMKilled',
      }),
    ).toHaveLength(2);
    const nginxReady = find(samples, 'kube_pod_status_ready', { condition: 'true' }).filter((s) =>
      s.labels.pod?.startsWith('nginx-deployment-'),
    );
    expect(nginxReady.map((s) => s.value)).toEqual([1, 1, 1]);
    expect(
      find(samples, 'kube_deployment_status_replicas_unavailable', { deployment: 'cache-warmer' })[0]?.value,
    ).toBe(2);
    expect(
      find(samples, 'kube_deployment_status_replicas_unavailable', { deployment: 'nginx-deployment' })[0]
        ?.value,
    ).toBe(0);
    expect(find(samples, 'kube_deployment_spec_replicas', { deployment: 'nginx-deployment' })[0]?.value).toBe(
      3,
    );
    expect(
      find(samples, 'kube_deployment_status_replicas_available', { deployment: 'nginx-deployment' })[0]
        ?.value,
    ).toBe(3);
    const phases = find(samples, 'kube_pod_status_phase', { phase: 'Running' }).filter((s) => s.value === 1);
    expect(phases.length).toBe(6);
    const requests = find(samples, 'kube_pod_container_resource_requests', {
      container: 'nginx',
      resource: 'cpu',
      unit: 'core',
    });
    expect(requests.map((s) => s.value)).toEqual([0.05, 0.05, 0.05]);
    expect(
      find(samples, 'kube_pod_container_resource_limits', { container: 'warmer', resource: 'memory' })[0]
        ?.value,
    ).toBe(128 * 2 ** 20);
    const waiting = find(samples, 'kube_pod_container_status_waiting_reason', { container: 'warmer' }).map(
      (s) => s.labels.reason,
    );
    expect(waiting.every((r) => r === 'CrashLoopBackOff' || r === 'ContainerCreating')).toBe(true);
  });

  it('exports cAdvisor series for running containers from their behaviour', async () => {
    const first = await scrape();
    const memory = find(first, 'container_memory_working_set_bytes', { container: 'nginx' });
    expect(memory).toHaveLength(3);
    for (const s of memory) expect(Math.abs(s.value - 32 * 2 ** 20)).toBeLessThan(0.04 * 32 * 2 ** 20);
    const cpuBefore = find(first, 'container_cpu_usage_seconds_total', { container: 'app' })[0]!.value;
    sim.advance(100);
    const cpuAfter = find(await scrape(), 'container_cpu_usage_seconds_total', { container: 'app' })[0]!
      .value;
    expect(cpuAfter - cpuBefore).toBeGreaterThan(0.5 * 100 * 0.9);
    expect(cpuAfter - cpuBefore).toBeLessThan(0.5 * 100 * 1.1);
  });

  it('exports request counters and latency histograms for Ready serving pods only', async () => {
    const before = await scrape();
    sim.advance(100);
    const after = await scrape();
    const ok = (samples: Sample[]) =>
      find(samples, 'http_requests_total', { code: '200' }).filter((s) =>
        s.labels.pod?.startsWith('busy-'),
      )[0]!.value;
    const errors = (samples: Sample[]) =>
      find(samples, 'http_requests_total', { code: '500' }).filter((s) =>
        s.labels.pod?.startsWith('busy-'),
      )[0]!.value;
    const served = ok(after) + errors(after) - ok(before) - errors(before);
    expect(served).toBeGreaterThan(50 * 100 * 0.9);
    expect(served).toBeLessThan(50 * 100 * 1.1);
    expect(errors(after) / (ok(after) + errors(after))).toBeCloseTo(0.1, 2);
    expect(
      find(after, 'http_requests_total', {}).some((s) => s.labels.pod?.startsWith('cache-warmer-')),
    ).toBe(false);
    const buckets = find(after, 'http_request_duration_seconds_bucket', {}).filter((s) =>
      s.labels.pod?.startsWith('busy-'),
    );
    const values = buckets.map((s) => s.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const count = find(after, 'http_request_duration_seconds_count', {}).filter((s) =>
      s.labels.pod?.startsWith('busy-'),
    )[0]!.value;
    expect(buckets.at(-1)).toMatchObject({ labels: expect.objectContaining({ le: '+Inf' }), value: count });
    const under50ms = buckets.find((s) => s.labels.le === '0.05')!.value;
    expect(under50ms / count).toBeGreaterThan(0.5);
    expect(under50ms / count).toBeLessThan(0.9);
  });
});
