import { type OpenAiServer, startOpenAiServer } from '@aiops/testkit/openai-server';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentStep, planAllowsFix, runPlanningWorkflow, subjectFromProblem } from '../src';
import { deploymentSpecs, POLICY, type SimCluster, scenarioManifests, startSim } from './support/sim';
import { agentOf, call, say, sentText, teamScript } from './support/team-script';

let env: SimCluster | undefined;
let model: OpenAiServer | undefined;
afterEach(async () => {
  await Promise.all([env?.sim.close(), model?.close()]);
  env = undefined;
  model = undefined;
});

const TARGET = { namespace: 'default', deployment: 'nginx-problematic' };
const subject = subjectFromProblem('wf-routing', {
  problem_description: 'nginx-problematic pods never become ready; password=hunter2 is in the app config',
  ...TARGET,
});

describe('the supervisor routes the work among the agents (scripted model)', () => {
  it('hands to the researcher, then the Kubernetes fixer, then the notifier; the plan reflects it', async () => {
    env = await startSim(scenarioManifests('nginx-problematic'));
    model = await startOpenAiServer({
      script: teamScript({
        supervisor: [
          call('transfer_to_researcher', { task: 'Find the runbook for pods that never become ready.' }),
          call('transfer_to_kubernetes_fixer', {
            task: 'Diagnose default/nginx-problematic and schedule a safe fix.',
          }),
          call('transfer_to_notifier', {
            task: 'Tell the team a fix for default/nginx-problematic is scheduled.',
          }),
          say(
            'Requests too large and a wrong probe: fix scheduled for default/nginx-problematic, team notified.',
          ),
        ],
        researcher: [
          call('search_runbooks', { query: 'KubePodNotReady', k: 2 }),
          say('See alert-kube-pod-not-ready.md.'),
        ],
        'kubernetes-fixer': [
          call('diagnose', TARGET),
          call('propose_fix', TARGET),
          call('schedule_fix', { ...TARGET, reason: 'every finding is fixable' }),
          say('Scheduled the fix of default/nginx-problematic.'),
        ],
        notifier: [
          call('send_notification', {
            title: 'Fix scheduled',
            message: 'nginx-problematic will be fixed',
            level: 'warning',
          }),
          say('Sent.'),
        ],
      }),
    });
    const before = await deploymentSpecs(env.cluster, ['default']);
    const live: AgentStep[] = [];

    const result = await runPlanningWorkflow({ cluster: env.cluster, policy: POLICY }, subject, {
      llm: { baseUrl: model.url, model: 'scripted', timeoutMs: 10_000, maxRetries: 0 },
      onStep: (s) => live.push(s),
    });

    expect(result.fallbackReason).toBeNull();
    expect(result.plan.source).toBe('llm');
    expect(result.plan.summary).toMatch(/^Requests too large and a wrong probe/);
    expect(result.plan.steps.map((s) => `${s.agent}:${s.action}`)).toEqual([
      'researcher:search_runbooks',
      'kubernetes-fixer:diagnose',
      'kubernetes-fixer:propose_fix',
      'kubernetes-fixer:schedule_fix',
      'notifier:send_notification',
    ]);
    expect(result.plan.steps[0]?.reason).toMatch(/alert-kube-pod-not-ready\.md/);
    expect(result.plan.steps[2]?.reason).toMatch(
      /^fix proposed: \d+ field change\(s\), server dry-run accepted/,
    );
    expect(planAllowsFix(result.plan, subject.target)).toBe(true);
    expect(result.findings.map((f) => f.category)).toContain('resources-unschedulable');
    expect(result.notifications).toEqual([
      {
        kind: 'notification',
        title: 'Fix scheduled',
        message: 'nginx-problematic will be fixed',
        level: 'warning',
        actions: [],
      },
    ]);

    // The live steps: each hand-off, then that agent's work and answer.
    expect(live).toEqual(result.steps);
    expect(live.map((s) => `${s.agent}:${s.kind}:${s.tool ?? ''}`)).toEqual([
      'supervisor:handoff:transfer_to_researcher',
      'researcher:tool:search_runbooks',
      'researcher:answer:',
      'supervisor:handoff:transfer_to_kubernetes_fixer',
      'kubernetes-fixer:tool:diagnose',
      'kubernetes-fixer:tool:propose_fix',
      'kubernetes-fixer:tool:schedule_fix',
      'kubernetes-fixer:answer:',
      'supervisor:handoff:transfer_to_notifier',
      'notifier:tool:send_notification',
      'notifier:answer:',
    ]);

    // Each agent talked to the model with its own prompt and tools; the supervisor read each agent's answer.
    const byAgent = model.requests.map(agentOf);
    expect(byAgent.filter((a) => a === 'supervisor')).toHaveLength(4);
    expect(byAgent.filter((a) => a === 'kubernetes-fixer')).toHaveLength(4);
    const fixerTools = model.requests.find((r) => agentOf(r) === 'kubernetes-fixer')?.tools as {
      function: { name: string };
    }[];
    expect(fixerTools.map((t) => t.function.name).sort()).toEqual([
      'diagnose',
      'propose_fix',
      'propose_patch',
      'schedule_fix',
      'verify',
    ]);
    const text = sentText(model.requests);
    expect(text).toContain('Scheduled the fix of default/nginx-problematic.');
    expect(text).toContain('<incident-data>');
    expect(text).not.toContain('hunter2');
    expect(await deploymentSpecs(env.cluster, ['default'])).toEqual(before);
  });
});
