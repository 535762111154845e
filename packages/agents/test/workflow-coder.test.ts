import { type OpenAiServer, startOpenAiServer } from '@aiops/testkit/openai-server';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_LIMITS, type MetricSeries, runPlanningWorkflow, subjectFromProblem } from '../src';
import { POLICY, type SimCluster, scenarioManifests, startSim } from './support/sim';
import { agentOf, call, say, teamScript, textOf } from './support/team-script';

let env: SimCluster | undefined;
let model: OpenAiServer | undefined;
afterEach(async () => {
  await Promise.all([env?.sim.close(), model?.close()]);
  env = undefined;
  model = undefined;
});

const SERIES: MetricSeries[] = [
  {
    metric: 'container_memory_working_set_bytes',
    labels: { pod: 'web-1' },
    timestamps: [0, 60_000, 120_000],
    values: [100, 180, 260],
  },
  {
    metric: 'container_memory_working_set_bytes',
    labels: { pod: 'web-2' },
    timestamps: [0, 60_000, 120_000],
    values: [90, 95, 92],
  },
];

describe('the coder agent', () => {
  it("runs the model's analysis over the incident's series in the sandbox; a runaway analysis is stopped and the run goes on", async () => {
    env = await startSim(scenarioManifests('nginx-deployment'));
    model = await startOpenAiServer({
      script: teamScript({
        supervisor: [
          call('transfer_to_coder', { task: 'Which pod grows its memory fastest?' }),
          say('web-1 grows fastest.'),
        ],
        coder: [
          call('run_analysis', { code: 'while (true) {}', purpose: 'warm up' }),
          call('run_analysis', {
            code: 'return series.map((s) => ({ pod: s.labels.pod, growth: s.values.at(-1) - s.values[0] })).sort((a, b) => b.growth - a.growth)[0];',
            purpose: 'fastest memory growth',
          }),
          say('web-1 grew by 160 bytes in two minutes.'),
        ],
      }),
    });
    let reads = 0;
    const subject = subjectFromProblem('wf-coder', {
      problem_description: 'memory grows',
      namespace: 'default',
      deployment: 'nginx-deployment',
    });
    const result = await runPlanningWorkflow(
      {
        cluster: env.cluster,
        policy: POLICY,
        sandbox: { ...DEFAULT_SANDBOX_LIMITS, timeoutMs: 200 },
        series: async () => {
          reads++;
          return SERIES;
        },
      },
      subject,
      { llm: { baseUrl: model.url, model: 'scripted', timeoutMs: 10_000, maxRetries: 0 } },
    );

    expect(result.plan.source).toBe('llm');
    const runs = result.steps.filter((s) => s.tool === 'run_analysis');
    expect(runs.map((s) => s.outcome)).toEqual(['error', 'ok']);
    expect(runs[0]?.message).toMatch(/stopped: the code ran longer than 200 ms/);
    expect(result.plan.steps).toEqual([
      expect.objectContaining({
        agent: 'coder',
        action: 'run_analysis',
        reason: 'fastest memory growth: {"pod":"web-1","growth":160}',
      }),
    ]);
    expect(reads).toBe(1);
    const coderRequest = model.requests.find((r) => agentOf(r) === 'coder');
    const briefing = textOf(coderRequest?.messages?.[1]);
    expect(briefing).toContain('<agent-data>');
    expect(briefing).toContain('"metric": "container_memory_working_set_bytes"');
    const lastCoder = model.requests.filter((r) => agentOf(r) === 'coder').at(-1);
    expect(textOf(lastCoder?.messages?.at(-1))).toContain('"data":{"pod":"web-1","growth":160}');
  });
});
