import type { Finding } from '@aiops/contracts';
import { kubernetesFixerAgent } from './agents/kubernetes-fixer';
import { notifierAgent } from './agents/notifier';
import { deploymentOf } from './subject';
import { type ToolContext, workloadKey } from './tool-context';
import { callTool } from './tools/tool-call';
import { clip } from './untrusted';

/**
 * What a person must do about a finding, in at most 500 characters (the notifier's limit per action): the finding,
 * its runbook, and the runbook's section for people.
 */
function personAction(ctx: ToolContext, finding: Finding): string {
  const runbook = `${finding.category}.md`;
  const section = ctx.runbooks.section(runbook, 'When it cannot be fixed automatically');
  const where = `${finding.resource.namespace ? `${finding.resource.namespace}/` : ''}${finding.resource.name}`;
  const container = finding.container ? ` (container ${finding.container})` : '';
  const todo = section
    ? section.text.replace(/^- /gm, '').replace(/\s+/g, ' ').trim()
    : 'Investigate by hand.';
  return clip(
    `${finding.category} on ${where}${container}: ${clip(finding.message, 200)} [runbook ${runbook}] ${todo}`,
    500,
  );
}

async function askForHelp(ctx: ToolContext, reason: string, findings: Finding[]): Promise<void> {
  const actions = findings.map((f) => personAction(ctx, f));
  if (actions.length === 0)
    actions.push(`Investigate ${ctx.subject.title} by hand: events, logs and recent changes of the target.`);
  await callTool(ctx.builder, 'notifier', notifierAgent.tools(ctx), 'ask_for_human_help', {
    reason: clip(reason, 2000),
    actions: actions.slice(0, 20),
    level: 'warning',
  });
}

/**
 * The plan without a model: diagnose the target Deployment, propose the fix, schedule it when every finding is
 * fixable and the proposal passed the policy and the server dry-run, else ask a person for help naming each
 * finding and what they must do; then notify. Same tools, steps and output as the model's plan. Returns the
 * plan's summary.
 */
export async function planDeterministically(ctx: ToolContext): Promise<string> {
  const target = deploymentOf(ctx.subject.target);
  if (!target) {
    const why = `the target is a ${ctx.subject.target.kind}, not a Deployment: nothing to fix automatically; a person must look at it`;
    await askForHelp(ctx, why, ctx.subject.findings);
    return why;
  }
  const name = workloadKey(target.namespace, target.deployment);
  const fixer = kubernetesFixerAgent.tools(ctx);

  const diagnosis = await callTool(ctx.builder, 'kubernetes-fixer', fixer, 'diagnose', target);
  const findings = ctx.observed.findings.get(name);
  if (diagnosis.status !== 'ok' || !findings) {
    const why = `could not diagnose ${name}: ${diagnosis.summary}`;
    await askForHelp(ctx, why, ctx.subject.findings);
    return why;
  }

  const blocking = findings.filter((f) => !f.fixable);
  if (blocking.length > 0) {
    const why = `${name} has ${blocking.length} finding(s) no automatic fix may touch: ${blocking.map((f) => f.category).join(', ')}; nothing will be changed`;
    await askForHelp(ctx, why, findings);
    return why;
  }

  if (findings.length > 0) {
    await callTool(ctx.builder, 'kubernetes-fixer', fixer, 'propose_fix', target);
    const proposal = ctx.observed.proposals.get(name);
    if (proposal?.status !== 'proposed') {
      const why = `no safe fix for ${name} (${proposal?.status ?? 'no proposal'}): ${proposal?.error || 'the proposal failed'}`;
      await askForHelp(ctx, why, findings);
      return why;
    }
  }

  const scheduled = await callTool(ctx.builder, 'kubernetes-fixer', fixer, 'schedule_fix', {
    ...target,
    reason: findings.length ? 'every finding is fixable within the policy' : 'no finding: verify the rollout',
  });
  if (scheduled.status !== 'ok') {
    const why = `the fix of ${name} may not be scheduled: ${scheduled.summary}`;
    await askForHelp(ctx, why, findings);
    return why;
  }
  ctx.builder.plan({
    agent: 'kubernetes-fixer',
    action: 'verify',
    args: target,
    reason:
      'after the fix stage applies the fix: wait until every replica is Ready, roll back if it does not verify',
  });
  const what = findings.length
    ? `fix ${findings.map((f) => f.category).join(', ')} on ${name} through the policy, then verify`
    : `no finding on ${name}: verify its rollout`;
  await callTool(ctx.builder, 'notifier', notifierAgent.tools(ctx), 'send_notification', {
    title: clip(`Plan for ${name}`, 200),
    message: clip(what, 4000),
    level: findings.length ? 'warning' : 'info',
  });
  return what;
}
