import type { RootCauseCandidate } from '@aiops/contracts';
import type { RankingContext } from '../analysis/context';
import { entityKey, entityLabel } from '../entity';

/** Concrete next steps for the leading candidates, from the kinds of evidence behind them. */
export function nextSteps(candidates: readonly RootCauseCandidate[], context: RankingContext): string[] {
  const top = candidates[0];
  if (!top) {
    return [
      'Widen the time window or add metrics: nothing in this one departed from its baseline.',
      'Check the alert itself: its rule, its threshold and the target it points at.',
    ];
  }
  const entity = top.resource;
  const label = entityLabel(entity);
  const ns = entity.namespace ? ` -n ${entity.namespace}` : '';
  const workload = entity.kind === 'pod' ? `pod/${entity.name}` : `deployment/${entity.name}`;
  const events = context.events.filter((e) => entityKey(e.entity) === entityKey(entity));
  const metrics = context.entities.get(entityKey(entity))?.signals.map((s) => s.metric) ?? [];
  const has = (kind: string) => events.some((e) => e.kind === kind);
  const metric = (pattern: RegExp) => metrics.some((m) => pattern.test(m));
  const steps: string[] = [];

  if (has('rollout')) {
    steps.push(
      `Compare the new revision of ${label} with the previous one (\`kubectl rollout history ${workload}${ns}\`) and roll back if it is the cause (\`kubectl rollout undo ${workload}${ns}\`).`,
    );
  }
  if (has('config'))
    steps.push(`Review the configuration change on ${label} and revert it if it is the cause.`);
  if (has('oom') || metric(/^mem/i)) {
    steps.push(
      `Check memory of ${label} against its limit (\`kubectl top pod${ns}\`, \`kubectl describe ${workload}${ns}\`); a steady climb is a leak, so take a heap profile before raising the limit.`,
    );
  }
  if (has('restart') || has('crash') || metric(/restart/i)) {
    steps.push(
      `Read the logs of the previous container of ${label} (\`kubectl logs ${workload}${ns} --previous\`) for why it exited.`,
    );
  }
  if (has('failed-scheduling')) {
    steps.push(
      `Compare the resource requests of ${label} with free node capacity (\`kubectl describe ${workload}${ns}\`, \`kubectl describe nodes\`).`,
    );
  }
  if (has('image-pull')) steps.push(`Check the image name, tag and pull secret of ${label}.`);
  if (has('probe-failure'))
    steps.push(`Check the probes of ${label}: path, port, timeouts and initial delay.`);
  if (metric(/^cpu/i)) {
    steps.push(
      `Check CPU use and throttling of ${label} against its limits; profile it, or scale it out if the load is legitimate.`,
    );
  }
  if (metric(/latency|duration/i)) {
    steps.push(`Look at traces through ${label}: is the time spent in its own code or in a call it makes?`);
  }
  if (metric(/^error/i)) steps.push(`Read the error logs of ${label} from the onset on.`);
  if (steps.length === 0) steps.push(`Inspect ${label}: its events, logs and recent changes.`);

  const second = candidates[1];
  if (second && top.confidence < 0.5) {
    steps.push(
      `The lead is not clear (confidence ${top.confidence.toFixed(2)}): also check ${entityLabel(second.resource)} (${second.reason}).`,
    );
  }
  steps.push('Verify after any fix that the anomalous metrics above return to their baseline.');
  return steps;
}
