import type {
  ActionRecord,
  Finding,
  FindingCategory,
  Incident,
  NotificationEvent,
  ResourceRef,
} from '@aiops/contracts';
import { describeResource, describeTarget } from './describe';
import type { HumanHelpItem } from './notification-message';

function kubectl(ref: ResourceRef): string {
  return `${ref.namespace ? `-n ${ref.namespace} ` : ''}${ref.kind.toLowerCase()}/${ref.name}`;
}

/** What a person must do about each kind of finding when the system leaves it to them. */
const ACTIONS: Record<FindingCategory, (f: Finding) => string> = {
  'probe-path-not-found': (f) =>
    `Point the probe at a path the container serves (or add that endpoint to the application), then roll out: \`kubectl edit ${kubectl(f.resource)}\`.`,
  'probe-too-aggressive': (f) =>
    `Give the probe more room (raise timeoutSeconds, periodSeconds or failureThreshold) in \`${kubectl(f.resource)}\`, and check why the endpoint answers slowly.`,
  'liveness-kills-slow-start': (f) =>
    `Add a startupProbe (or raise initialDelaySeconds) so the liveness probe waits for start-up, in \`${kubectl(f.resource)}\`.`,
  'missing-readiness-probe': (f) =>
    `Add a readinessProbe on an endpoint that reports when the container can serve, in \`${kubectl(f.resource)}\`.`,
  'resources-unschedulable': (f) =>
    `Lower the pods' resource requests or add node capacity; \`kubectl describe ${kubectl(f.resource)}\` and the scheduler events show what is short.`,
  'oom-killed': (f) =>
    `Raise the memory limit of ${f.container ? `container ${f.container}` : 'the container'} or find what grows its memory (\`kubectl top pod\`, the application's heap), in \`${kubectl(f.resource)}\`.`,
  'crash-loop': (f) =>
    `Read why the container exits (\`kubectl logs --previous ${kubectl(f.resource)}\`) and fix the application or its configuration; roll back with \`kubectl rollout undo ${kubectl(f.resource)}\` if a release caused it.`,
  'missing-env': (f) =>
    `Create the ConfigMap or Secret (or set the variable) the container expects, then restart: \`kubectl rollout restart ${kubectl(f.resource)}\`.`,
  'image-pull-failure': (f) =>
    `Fix the image name or tag, or the registry credentials (imagePullSecrets), in \`${kubectl(f.resource)}\`.`,
};

const FIXED: ReadonlySet<ActionRecord['outcome']> = new Set(['applied', 'verified']);

function actionFor(finding: Finding, actions: ActionRecord[]): ActionRecord | undefined {
  const matches = actions.filter(
    (a) =>
      a.target.name === finding.resource.name &&
      (a.target.namespace ?? '') === (finding.resource.namespace ?? '') &&
      (a.category === undefined || a.category === finding.category),
  );
  return matches.at(-1);
}

function whyBlocked(finding: Finding, action: ActionRecord | undefined): string | null {
  if (action && FIXED.has(action.outcome)) return null;
  if (action?.outcome === 'skipped') return `the change was only proposed, not applied: ${action.detail}`;
  if (action?.outcome === 'refused' || action?.outcome === 'escalated')
    return `the system may not change it: ${action.detail || action.outcome}`;
  if (action)
    return `the fix ${action.outcome === 'rolled-back' ? 'was rolled back' : action.outcome}: ${action.detail}`;
  if (!finding.fixable) return 'no safe automatic fix exists for this';
  return 'the system did not apply a fix';
}

function failedStage(incident: Incident): string | null {
  for (const [stage, state] of Object.entries(incident.stages)) {
    if (state?.state === 'failed') return `the ${stage} stage failed: ${state.error ?? 'no reason recorded'}`;
  }
  return null;
}

/**
 * What people must do for an event: one item per finding the system could not or may not fix, naming it and
 * the step to take; when there is no such finding but the system still gave up (escalated, failed), one item
 * that says where to start. Events that need nobody (resolved, healthy, capacity) ask nothing.
 */
export function humanHelpFor(incident: Incident, event: NotificationEvent): HumanHelpItem[] {
  if (event !== 'fixed' && event !== 'escalated' && event !== 'failed') return [];
  const items: HumanHelpItem[] = [];
  for (const finding of incident.findings ?? []) {
    const blocked = whyBlocked(finding, actionFor(finding, incident.actions));
    if (!blocked) continue;
    if (event === 'fixed' && blocked === 'the system did not apply a fix') continue;
    items.push({
      subject: `${finding.category} on ${describeResource(finding.resource)}${finding.container ? ` (container ${finding.container})` : ''}`,
      problem: finding.message,
      blocked,
      action: ACTIONS[finding.category](finding),
    });
  }
  if (items.length > 0 || event === 'fixed') return items;

  const target = describeTarget(incident.target);
  const stageFailure = failedStage(incident);
  if (event === 'failed' || stageFailure) {
    return [
      {
        subject: target,
        problem: stageFailure ?? 'the pipeline failed before it could finish',
        blocked: 'the pipeline stopped; nothing was changed after the failure',
        action: `Read the incident's timeline and the failed stage's logs, then check ${target} by hand (\`kubectl describe\`, \`kubectl logs\`, recent events); re-run the analysis once the cause is fixed.`,
      },
    ];
  }
  return [
    {
      subject: target,
      problem: incident.fix?.error || incident.plan?.summary || 'no cause the system may fix was found',
      blocked: 'the system found nothing it may change safely',
      action: `Investigate ${target}: its events (\`kubectl describe\`), logs and recent changes; the top causes above are where to start.`,
    },
  ];
}
