/**
 * Benchmarks of the simulated cluster (figures are noisy on a shared machine):
 *   tsx packages/cluster-sim/bench/sim-bench.ts [--hours 1] [--requests 300]
 * 1. simulated time: every shared scenario at once, advanced through `hours` of simulated time;
 * 2. API latency through @kubernetes/client-node: list pods, strategic-merge patch;
 * 3. /metrics rendering.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { AppsV1Api, CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { Cluster, loadScenarios, startClusterSim } from '../src/index';

const { values } = parseArgs({
  options: {
    hours: { type: 'string', default: '1' },
    requests: { type: 'string', default: '300' },
    scenarios: {
      type: 'string',
      default: new URL('../../../../shared/scenarios/k8s', import.meta.url).pathname,
    },
  },
});
const hours = Number(values.hours);
const requests = Number(values.requests);
const scenarios = await loadScenarios(values.scenarios);
const manifests = scenarios.map((s) => s.manifests).join('\n---\n');

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(2));
}

{
  const cluster = new Cluster({ startTime: new Date('2026-01-01T00:00:00Z') });
  cluster.bootstrap(manifests);
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let t = 0; t < hours * 3600; t += 60) cluster.advance(60);
  const seconds = (performance.now() - started) / 1000;
  const pods = cluster.kubelet.runtimes().length;
  console.log(
    JSON.stringify({
      bench: 'advance',
      scenarios: scenarios.length,
      podsOnNodes: pods,
      simulatedSeconds: hours * 3600,
      realSeconds: Number(seconds.toFixed(3)),
      simulatedSecondsPerRealSecond: Math.round((hours * 3600) / seconds),
      storeRevisions: cluster.store.revision - 1000,
      heapGrowthMiB: Number(((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)),
    }),
  );
  const renders: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    cluster.metrics.render(cluster.now());
    renders.push(performance.now() - t0);
  }
  console.log(
    JSON.stringify({
      bench: 'metrics-render',
      series: cluster.metrics
        .render(cluster.now())
        .split('\n')
        .filter((l) => l && !l.startsWith('#')).length,
      p50ms: percentile(renders, 50),
      p95ms: percentile(renders, 95),
    }),
  );
}

{
  const sim = await startClusterSim({ manualClock: true, manifests });
  sim.advance(120);
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig());
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const list: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    await core.listPodForAllNamespaces();
    list.push(performance.now() - t0);
  }
  const patch: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    await apps.patchNamespacedDeployment(
      {
        namespace: 'default',
        name: 'nginx-deployment',
        body: { metadata: { annotations: { 'bench/i': String(i) } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    patch.push(performance.now() - t0);
  }
  console.log(
    JSON.stringify({
      bench: 'api-list-pods',
      requests,
      p50ms: percentile(list, 50),
      p95ms: percentile(list, 95),
    }),
  );
  console.log(
    JSON.stringify({
      bench: 'api-strategic-patch',
      requests,
      p50ms: percentile(patch, 50),
      p95ms: percentile(patch, 95),
    }),
  );
  await sim.close();
}
