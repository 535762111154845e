import type { Finding } from '@aiops/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentStep, planAllowsFix, runPlanningWorkflow, subjectFromProblem } from '../src';
import { deploymentSpecs, POLICY, type SimCluster, scenarioManifests, startSim } from './support/sim';

let env: SimCluster | undefined;
afterEach(async () => {
  await env?.sim.close();
  env = undefined;
});

describe('the deterministic plan (no LLM configured)', () => {
  it('diagnoses, proposes and schedules the fix when every finding is fixable, then notifies', async () => {
    env = await startSim(scenarioManifests('nginx-problematic'));
    const before = await deploymentSpecs(env.cluster, ['default']);
    const steps: AgentStep[] = [];
    const subject = subjectFromProblem('wf-1', {
      problem_description: 'Pods do not start: probe path and requests look wrong',
      namespace: 'default',
      deployment: 'nginx-problematic',
    });

    const result = await runPlanningWorkflow({ cluster: env.cluster, policy: POLICY }, subject, {
      onStep: (s) => steps.push(s),
    });

    expect(result.plan.source).toBe('deterministic');
    expect(result.fallbackReason).toBe('no LLM configured');
    expect(result.plan.summary).toMatch(/^Deterministic plan \(no LLM configured\)/);
    expect(result.plan.steps.map((s) => `${s.agent}:${s.action}`)).toEqual([
      'kubernetes-fixer:diagnose',
      'kubernetes-fixer:propose_fix',
      'kubernetes-fixer:schedule_fix',
      'kubernetes-fixer:verify',
      'notifier:send_notification',
    ]);
    expect(result.findings.map((f) => f.category)).toContain('resources-unschedulable');
    expect(result.findings.every((f) => f.fixable)).toBe(true);
    expect(planAllowsFix(result.plan, subject.target)).toBe(true);
    expect(result.notifications).toEqual([
      expect.objectContaining({ kind: 'notification', title: 'Plan for default/nginx-problematic' }),
    ]);
    expect(steps).toEqual(result.steps);
    expect(steps.map((s) => s.seq)).toEqual(steps.map((_, i) => i + 1));
    // Planning never changes the cluster: the fix stage does.
    expect(await deploymentSpecs(env.cluster, ['default'])).toEqual(before);
  });

  it('plans an escalation naming each finding and what a person must do when a finding is not fixable', async () => {
    env = await startSim(scenarioManifests('missing-env'));
    const subject = subjectFromProblem('wf-2', {
      problem_description: 'the service keeps crashing',
      namespace: 'default',
      deployment: 'orders',
    });
    const result = await runPlanningWorkflow({ cluster: env.cluster, policy: POLICY }, subject);

    expect(result.plan.source).toBe('deterministic');
    expect(result.plan.steps.map((s) => s.action)).toEqual(['diagnose', 'ask_for_human_help']);
    expect(planAllowsFix(result.plan, subject.target)).toBe(false);
    const help = result.notifications[0];
    expect(help?.kind).toBe('human-help');
    expect(help?.actions.join('\n')).toMatch(
      /missing-env on default\/orders.*DATABASE_URL.*ConfigMap or Secret/s,
    );
  });

  it('asks a person to look when the target is not a Deployment', async () => {
    env = await startSim(scenarioManifests('nginx-deployment'));
    const subject = subjectFromProblem('wf-3', {
      problem_description: 'the cluster is slow',
      namespace: 'default',
    });
    const result = await runPlanningWorkflow({ cluster: env.cluster, policy: POLICY }, subject);

    expect(result.plan.steps.map((s) => s.action)).toEqual(['ask_for_human_help']);
    expect(result.plan.summary).toMatch(/the target is a namespace, not a Deployment/);
    expect(planAllowsFix(result.plan, subject.target)).toBe(false);
  });

  it("names every one of the incident's findings in the escalation, however long their messages", async () => {
    env = await startSim(scenarioManifests('nginx-deployment'));
    const finding = (category: Finding['category'], name: string): Finding => ({
      category,
      resource: { kind: 'Deployment', namespace: 'shop', name },
      message: `${category} `.repeat(400),
      fixable: false,
      evidence: [],
    });
    const subject = {
      ...subjectFromProblem('wf-4', { problem_description: 'shop is down', namespace: 'shop' }),
      findings: [finding('image-pull-failure', 'web'), finding('crash-loop', 'api')],
    };
    const result = await runPlanningWorkflow({ cluster: env.cluster, policy: POLICY }, subject);

    const [help] = result.notifications;
    expect(help?.actions).toHaveLength(2);
    expect(help?.actions[0]).toMatch(
      /^image-pull-failure on shop\/web: .*\[runbook image-pull-failure\.md\]/,
    );
    expect(help?.actions[1]).toMatch(/^crash-loop on shop\/api: .*\[runbook crash-loop\.md\]/);
    expect(help?.actions.every((a) => a.length <= 500)).toBe(true);
  });
});
