import type { Finding, Plan } from '@aiops/contracts';
import type { AgentStep } from './agent-step';
import { superviseWithModel } from './agents/supervisor';
import { planDeterministically } from './deterministic-plan';
import { createChatModel, resolveLlmOptions } from './model';
import { notificationsOf, type WorkflowNotification } from './notifications';
import type { LlmOptions, MetricSeries, WorkflowDeps } from './options';
import { PlanBuilder, StepLog } from './plan-builder';
import { redactSecrets } from './redact';
import { defaultRunbookIndex } from './runbooks/runbook-index';
import { DEFAULT_SANDBOX_LIMITS } from './sandbox/sandbox';
import { deploymentOf, type WorkflowSubject } from './subject';
import { type ToolContext, workloadKey } from './tool-context';
import { clip } from './untrusted';

export interface WorkflowOptions {
  /** Without it the deterministic plan runs. */
  llm?: LlmOptions;
  /** Each step as it happens: the incident's timeline, the API's event stream. Its errors are ignored. */
  onStep?(step: AgentStep): unknown;
  /** Stops the LLM part, as a failure would: the deterministic plan runs instead. */
  signal?: AbortSignal;
}

export interface WorkflowResult {
  plan: Plan;
  /** Every step of the run, the abandoned LLM attempt's included. */
  steps: AgentStep[];
  /** Messages the notifier asked for; the notify stage sends them. */
  notifications: WorkflowNotification[];
  /** The target Deployment's findings, when the plan diagnosed it. */
  findings: Finding[];
  /** Why the deterministic plan was used; null when the model's plan was. */
  fallbackReason: string | null;
}

function errorText(error: unknown): string {
  if (error instanceof Error)
    return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Plans the response to an incident: with a model, the supervisor routes the work among the agents; without one,
 * or when the model fails, times out or plans nothing, the deterministic plan runs instead. Never changes the
 * cluster: a `schedule_fix` step tells the fix stage to apply the fix through the policy.
 */
export async function runPlanningWorkflow(
  deps: WorkflowDeps,
  subject: WorkflowSubject,
  options: WorkflowOptions = {},
): Promise<WorkflowResult> {
  const log = new StepLog(options.onStep);
  let seriesRead: Promise<MetricSeries[]> | undefined;
  const contextFor = (builder: PlanBuilder): ToolContext => ({
    deps,
    subject,
    builder,
    runbooks: deps.runbooks ?? defaultRunbookIndex(),
    sandbox: deps.sandbox ?? DEFAULT_SANDBOX_LIMITS,
    series: () => {
      // Metrics help the coder but are not needed to plan: a failed read leaves it no series.
      seriesRead ??= deps.series ? deps.series(subject).catch(() => []) : Promise.resolve([]);
      return seriesRead;
    },
    observed: { findings: new Map(), proposals: new Map() },
  });
  const finish = (ctx: ToolContext, plan: Plan, fallbackReason: string | null): WorkflowResult => {
    const target = deploymentOf(subject.target);
    return {
      plan,
      steps: log.steps,
      notifications: notificationsOf(plan),
      findings: (target && ctx.observed.findings.get(workloadKey(target.namespace, target.deployment))) || [],
      fallbackReason,
    };
  };

  let fallbackReason = 'no LLM configured';
  if (options.llm) {
    const llm = resolveLlmOptions(options.llm);
    const ctx = contextFor(new PlanBuilder(log));
    const stop = new AbortController();
    const deadline = AbortSignal.timeout(llm.maxDurationMs);
    const signal = AbortSignal.any([stop.signal, deadline, ...(options.signal ? [options.signal] : [])]);
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () =>
        reject(signal.reason instanceof Error ? signal.reason : new Error('the LLM workflow was stopped'));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const answer = await Promise.race([superviseWithModel(ctx, createChatModel(llm), signal), aborted]);
      if (ctx.builder.handoffs === 0) throw new Error('the model handed no task to any agent');
      const refusals = ctx.builder.refused ? ` (${ctx.builder.refused} tool call(s) refused)` : '';
      const summary = clip(redactSecrets(answer || 'the model gave no summary'), 2000) + refusals;
      return finish(ctx, { source: 'llm', summary, steps: ctx.builder.steps }, null);
    } catch (error) {
      ctx.builder.close();
      const why = deadline.aborted
        ? `the workflow took longer than ${llm.maxDurationMs} ms`
        : options.signal?.aborted
          ? 'the run was stopped'
          : clip(errorText(error), 300);
      fallbackReason = `the LLM failed: ${why}`;
      log.add({
        agent: 'supervisor',
        kind: 'fallback',
        outcome: 'error',
        message: `${fallbackReason}; the deterministic plan runs instead`,
      });
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
      stop.abort();
    }
  }

  const ctx = contextFor(new PlanBuilder(log));
  const what = await planDeterministically(ctx);
  return finish(
    ctx,
    {
      source: 'deterministic',
      summary: `Deterministic plan (${fallbackReason}): ${what}`,
      steps: ctx.builder.steps,
    },
    fallbackReason,
  );
}
