import { changedContainerFields, type Deployment, type Scenario } from '@aiops/cluster-sim';
import type { AutofixData } from '@aiops/contracts';
import { changeViolations, diffObjects } from '@aiops/kube';

export interface ScenarioEvidence {
  before: Deployment;
  after: Deployment;
  answer: AutofixData;
  /** Every replica Ready within 120 simulated seconds of the answer. */
  readyInTime: boolean;
  /** Text of each notification sent about the scenario's incident. */
  notifications: string[];
}

/** The same policy the fixer enforces, so a fix that touched anything else fails the scenario. */
const RUNNER_POLICY = { allowedNamespaces: ['*'], protectedNamespaces: [], maxReplicas: 1000 };

/** Why the scenario failed, by the rules of the scenarios README, or null when it passed. */
export function judgeScenario(scenario: Scenario, evidence: ScenarioEvidence): string | null {
  const { expect: want } = scenario;
  const { answer } = evidence;
  const found = new Set(answer.findings.map((f) => f.category));
  const missing = want.findings.filter((c) => !found.has(c));
  if (missing.length > 0)
    return `findings lack ${missing.join(', ')} (got ${[...found].join(', ') || 'none'})`;
  if (answer.status !== want.outcome) {
    return `outcome ${answer.status}, expected ${want.outcome}${answer.error_message ? `: ${answer.error_message}` : ''}`;
  }
  const specChanges = diffObjects(evidence.before.spec, evidence.after.spec, 'spec');
  const touched = changedContainerFields(evidence.before, evidence.after, want.unchanged);
  if (touched.length > 0) return `the fix changed ${touched.join(', ')}, which must stay unchanged`;
  if (want.outcome === 'fixed') {
    const violations = changeViolations(RUNNER_POLICY, specChanges);
    if (violations.length > 0) return `the fix went outside the policy: ${violations.join('; ')}`;
    if (!evidence.readyInTime) return 'not every replica was Ready within 120 simulated seconds';
    return null;
  }
  if (specChanges.length > 0)
    return `the spec changed (${specChanges.map((c) => c.path).join(', ')}) though nothing was fixed`;
  if (want.outcome === 'escalated') {
    const message = evidence.notifications.join('\n');
    if (!message) return 'no human-help notification was sent';
    const unnamed = answer.findings.filter(
      (f) => !message.includes(f.category) && !message.includes(f.message),
    );
    if (unnamed.length > 0)
      return `the human-help notification does not list ${unnamed.map((f) => f.category).join(', ')}`;
    return null;
  }
  if (answer.findings.length > 0) return `healthy, yet ${answer.findings.length} finding(s)`;
  if (evidence.notifications.length > 0) return 'a notification was sent for a healthy workload';
  return null;
}
