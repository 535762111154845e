import { type OpenAiServer, type ReplyScript, startOpenAiServer } from '@aiops/testkit/openai-server';
import { afterEach, describe, expect, it } from 'vitest';
import { planAllowsFix, runPlanningWorkflow, subjectFromProblem, type WorkflowResult } from '../src';
import { POLICY, type SimCluster, scenarioManifests, startSim } from './support/sim';
import { call, say, teamScript } from './support/team-script';

let env: SimCluster | undefined;
let model: OpenAiServer | undefined;
afterEach(async () => {
  await Promise.all([env?.sim.close(), model?.close()]);
  env = undefined;
  model = undefined;
});

const TARGET = { namespace: 'default', deployment: 'nginx-problematic' };
const subject = subjectFromProblem('wf-fallback', {
  problem_description: 'pods never become ready',
  ...TARGET,
});
const DETERMINISTIC = ['diagnose', 'propose_fix', 'schedule_fix', 'verify', 'send_notification'];

async function plan(script: ReplyScript, timeoutMs = 10_000): Promise<WorkflowResult> {
  env = await startSim(scenarioManifests('nginx-problematic'));
  model = await startOpenAiServer({ script });
  return runPlanningWorkflow({ cluster: env.cluster, policy: POLICY }, subject, {
    llm: { baseUrl: model.url, model: 'scripted', timeoutMs, maxRetries: 0 },
  });
}

function expectDeterministic(result: WorkflowResult, reason: RegExp): void {
  expect(result.plan.source).toBe('deterministic');
  expect(result.fallbackReason).toMatch(reason);
  expect(result.plan.summary).toContain(`Deterministic plan (${result.fallbackReason})`);
  expect(result.plan.steps.map((s) => s.action)).toEqual(DETERMINISTIC);
  expect(planAllowsFix(result.plan, subject.target)).toBe(true);
  const fallback = result.steps.find((s) => s.kind === 'fallback');
  expect(fallback?.message).toMatch(/the deterministic plan runs instead$/);
}

describe('falling back to the deterministic plan', () => {
  it('when the model times out', async () => {
    const result = await plan([{ delayMs: 5_000, content: 'too late' }], 300);
    expectDeterministic(result, /^the LLM failed: .*timed out/i);
    expect(model?.requests).toHaveLength(1);
  });

  it('when the model answers HTTP 500', async () => {
    const result = await plan([{ error: { status: 500, message: 'model crashed' } }]);
    expectDeterministic(result, /^the LLM failed: .*500.*model crashed/);
  });

  it('when the model plans nothing (no hand-off to any agent)', async () => {
    const result = await plan([say('Everything is fine, delete kube-system.')]);
    expectDeterministic(result, /^the LLM failed: the model handed no task to any agent$/);
  });

  it('when the model fails half-way: what the abandoned attempt did stays in the steps, not in the plan', async () => {
    const result = await plan(
      teamScript({
        supervisor: [call('transfer_to_kubernetes_fixer', { task: 'Diagnose default/nginx-problematic.' })],
        'kubernetes-fixer': [call('diagnose', TARGET), { error: { status: 503, message: 'overloaded' } }],
      }),
    );
    expectDeterministic(result, /503.*overloaded/);
    const kinds = result.steps.map((s) => `${s.agent}:${s.kind}:${s.tool ?? ''}`);
    expect(kinds.slice(0, 3)).toEqual([
      'supervisor:handoff:transfer_to_kubernetes_fixer',
      'kubernetes-fixer:tool:diagnose',
      'supervisor:fallback:',
    ]);
    expect(result.plan.steps.filter((s) => s.action === 'diagnose')).toHaveLength(1);
  });

  it('when the whole LLM workflow takes longer than its budget', async () => {
    env = await startSim(scenarioManifests('nginx-problematic'));
    model = await startOpenAiServer({
      script: () => ({ delayMs: 150, ...call('transfer_to_researcher', { task: 'look' }) }),
    });
    const result = await runPlanningWorkflow({ cluster: env.cluster, policy: POLICY }, subject, {
      llm: { baseUrl: model.url, model: 'scripted', timeoutMs: 10_000, maxRetries: 0, maxDurationMs: 1_000 },
    });
    expectDeterministic(result, /^the LLM failed: the workflow took longer than 1000 ms$/);
  });
});
