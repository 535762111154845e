/**
 * Speed of the planning parts, on this machine: BM25 index build and search, a sandboxed analysis, and whole
 * planning runs (deterministic, and the LLM workflow against a scripted local model, i.e. the framework's own
 * cost without model time) over a simulated cluster.
 *
 *   node --no-node-snapshot --import tsx packages/agents/bench/agents-bench.ts [--runs 20]
 */
import { parseArgs } from 'node:util';
import { startClusterSim } from '@aiops/cluster-sim';
import { Cluster, createKubeApis } from '@aiops/kube';
import { startOpenAiServer } from '@aiops/testkit/openai-server';
import { KubeConfig } from '@kubernetes/client-node';
import { RUNBOOKS_DIR, RunbookIndex, runInSandbox, runPlanningWorkflow, subjectFromProblem } from '../src';
import { POLICY, scenarioManifests } from '../test/support/sim';
import { call, say, teamScript } from '../test/support/team-script';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, help: { type: 'boolean' } },
});
if (values.help) {
  console.log('usage: node --no-node-snapshot --import tsx packages/agents/bench/agents-bench.ts [--runs N]');
  process.exit(0);
}
const runs = Math.max(1, Number(values.runs));

async function timed(label: string, n: number, work: () => Promise<unknown> | unknown): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await work();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const mean = ms.reduce((s, x) => s + x, 0) / n;
  const p95 = ms[Math.min(n - 1, Math.ceil(n * 0.95) - 1)] ?? 0;
  console.log(
    `${label.padEnd(52)} n=${String(n).padStart(4)}  mean ${mean.toFixed(2).padStart(9)} ms  p95 ${p95.toFixed(2).padStart(9)} ms`,
  );
}

const index = RunbookIndex.fromDirectory(RUNBOOKS_DIR);
console.log(
  `runbooks: ${new Set(index.passages.map((p) => p.file)).size} files, ${index.passages.length} passages`,
);
await timed('BM25 index build (read + split + index)', runs, () => RunbookIndex.fromDirectory(RUNBOOKS_DIR));
const queries = [
  'oom-killed',
  'pods stuck in Pending FailedScheduling',
  'KubePodCrashLooping',
  'readiness probe 404',
];
await timed('BM25 search (k=3)', runs * 50, () =>
  index.search(queries[Math.floor(Math.random() * queries.length)] ?? '', 3),
);

const series = Array.from({ length: 30 }, (_, s) => ({
  metric: 'container_cpu_usage_seconds_total',
  labels: { pod: `web-${s}` },
  timestamps: Array.from({ length: 720 }, (_, i) => i * 15_000),
  values: Array.from({ length: 720 }, (_, i) => Math.sin(i / 20) + s),
}));
await timed('sandbox: peak of 30 series x 720 points', runs, () =>
  runInSandbox('return series.map((s) => Math.max(...s.values));', { series }),
);
await timed('sandbox: infinite loop stopped (1000 ms limit)', Math.min(runs, 3), () =>
  runInSandbox('for (;;) {}', {}),
);

const sim = await startClusterSim({ manualClock: true, manifests: scenarioManifests('nginx-problematic') });
sim.advance(120);
const kc = new KubeConfig();
kc.loadFromString(sim.kubeconfig());
const deps = { cluster: new Cluster(createKubeApis(kc)), policy: POLICY };
const target = { namespace: 'default', deployment: 'nginx-problematic' };
const subject = subjectFromProblem('bench', { problem_description: 'pods never become ready', ...target });
await timed('deterministic plan (diagnose, propose, schedule)', runs, () =>
  runPlanningWorkflow(deps, subject),
);

await timed('LLM plan, scripted model (4 agents, 12 model calls)', runs, async () => {
  const scripted = await startOpenAiServer({
    script: teamScript({
      supervisor: [
        call('transfer_to_researcher', { task: 'runbook' }),
        call('transfer_to_kubernetes_fixer', { task: 'fix default/nginx-problematic' }),
        call('transfer_to_notifier', { task: 'tell' }),
        say('planned'),
      ],
      researcher: [call('search_runbooks', { query: 'KubePodNotReady' }), say('ok')],
      'kubernetes-fixer': [
        call('diagnose', target),
        call('propose_fix', target),
        call('schedule_fix', target),
        say('ok'),
      ],
      notifier: [call('send_notification', { title: 'plan', message: 'fix scheduled' }), say('ok')],
    }),
  });
  const result = await runPlanningWorkflow(deps, subject, {
    llm: { baseUrl: scripted.url, model: 'scripted', maxRetries: 0 },
  });
  await scripted.close();
  if (result.plan.source !== 'llm') throw new Error(`fell back: ${result.fallbackReason}`);
});
await sim.close();
