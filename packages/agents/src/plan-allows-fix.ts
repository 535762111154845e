import type { Plan, Target } from '@aiops/contracts';

/**
 * Whether the fix stage may apply a fix to the target: always without a plan (the pipeline before planning
 * existed), else only when the plan has a `schedule_fix` step for exactly that Deployment.
 */
export function planAllowsFix(plan: Plan | null, target: Target): boolean {
  if (!plan) return true;
  if (target.kind !== 'deployment' || !target.name) return false;
  const namespace = target.namespace ?? 'default';
  return plan.steps.some(
    (s) => s.action === 'schedule_fix' && s.args.namespace === namespace && s.args.deployment === target.name,
  );
}
