import { planAllowsFix } from '@aiops/agents';
import type { FixSummary, IncidentStatus } from '@aiops/contracts';
import {
  AuditLog,
  type AutofixStatus,
  Cluster,
  createKubeApis,
  type KubeEnv,
  loadKubeConfig,
  policyFromEnv,
  runAutofix,
} from '@aiops/kube';
import { type RuntimeEnv, type ServiceContext, type StageHandler, withLock } from '@aiops/runtime';

const OUTCOME: Record<AutofixStatus, IncidentStatus> = {
  fixed: 'fixed',
  healthy: 'healthy',
  escalated: 'escalated',
  proposed: 'escalated',
  refused: 'escalated',
  failed: 'failed',
};

/** The fix stage: diagnose, fix within the policy, verify, roll back; the same code as the autofix API. */
export function createFixHandler(ctx: ServiceContext<KubeEnv & RuntimeEnv>): StageHandler {
  const cluster = new Cluster(createKubeApis(loadKubeConfig(ctx.env)));
  const audit = new AuditLog(ctx.redis, ctx.env.QUEUE_PREFIX);
  const policy = policyFromEnv(ctx.env);
  return async ({ incident }) => {
    const skip = (why: string) => {
      const fix: FixSummary = { status: 'skipped', actionsTaken: [], error: why, rounds: 0 };
      return { message: why, status: 'escalated' as const, slots: { fix } };
    };
    // A resolved alert does not prove the workload healthy (a crash loop resolves between back-offs): the
    // diagnosis decides, and changes nothing when there is nothing to fix.
    const { target } = incident;
    const { namespace, name: deployment } = target;
    if (target.kind !== 'deployment' || !namespace || !deployment) {
      return skip(`the target is a ${target.kind}, not a Deployment: a person must look at it`);
    }
    if (!planAllowsFix(incident.plan, target)) {
      return skip(`the plan schedules no fix: ${incident.plan?.summary ?? ''}`.trim());
    }
    let steps = Promise.resolve();
    // Two incidents about one Deployment (two alert groups) must not fix it at the same time: the second
    // waits, then finds what the first left.
    const budgetMs = ctx.env.AUTOFIX_MAX_ROUNDS * (ctx.env.AUTOFIX_VERIFY_TIMEOUT_S + 120) * 1000;
    const lockKey = `${ctx.env.QUEUE_PREFIX}:fix-lock:${namespace}/${deployment}`;
    const report = await withLock(ctx.redis, lockKey, { ttlMs: budgetMs, waitMs: budgetMs }, () =>
      runAutofix(
        {
          cluster,
          policy,
          audit,
          maxRounds: ctx.env.AUTOFIX_MAX_ROUNDS,
          verifyTimeoutMs: ctx.env.AUTOFIX_VERIFY_TIMEOUT_S * 1000,
          settleMs: ctx.env.AUTOFIX_SETTLE_S * 1000,
          onStep: (message) => {
            steps = steps.then(() =>
              ctx.store.appendTimeline(incident.id, {
                at: new Date().toISOString(),
                stage: 'fix',
                event: 'step',
                message,
              }),
            );
          },
        },
        {
          namespace,
          deployment,
          event: incident.request?.event ?? incident.title,
          apply: incident.request ? incident.request.force : ctx.env.AUTOFIX_MODE === 'apply',
          actor: incident.request?.actor ?? `pipeline:${incident.id}`,
        },
      ),
    );
    await steps;
    const fix: FixSummary = {
      status: report.status,
      actionsTaken: report.actionsTaken,
      error: report.error,
      rounds: report.rounds,
    };
    return {
      message: `${report.status}${report.error ? `: ${report.error}` : ''}`,
      status: OUTCOME[report.status],
      slots: { fix, findings: report.findings, actions: [...incident.actions, ...report.actions] },
    };
  };
}
