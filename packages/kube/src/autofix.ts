import { randomUUID } from 'node:crypto';
import type { ActionRecord, FieldChange, Finding } from '@aiops/contracts';
import type { V1Container, V1Deployment } from '@kubernetes/client-node';
import type { AuditLog } from './audit';
import { type Cluster, ClusterError } from './cluster';
import { diagnoseWorkload } from './diagnose';
import { diffObjects } from './diff';
import { copyOf } from './fixers/fixer';
import { FIXERS } from './fixers/registry';
import { changeViolations, type FixPolicy, namespaceRefusal } from './policy';
import { rolloutComplete, verifyRollout } from './verify';
import { readWorkload, type Workload } from './workload';

export interface AutofixInput {
  namespace: string;
  deployment: string;
  /** What the person or alert said; kept in the audit record as the reason. */
  event: string;
  /** Apply the fix; without it the fix is only proposed and checked by a server dry-run. */
  apply: boolean;
  /** Who asked: `api:<client>`, `pipeline:<incident id>`, `agent:<name>`. */
  actor: string;
}

export interface AutofixDeps {
  cluster: Cluster;
  policy: FixPolicy;
  audit?: AuditLog;
  maxRounds: number;
  verifyTimeoutMs: number;
  /** How long the rollout must stay complete, without restarts, to count as verified. */
  settleMs?: number;
  pollMs?: number;
  /** Each step as it happens, for timelines and live views. */
  onStep?(message: string): void;
}

export type AutofixStatus = 'fixed' | 'healthy' | 'escalated' | 'proposed' | 'failed' | 'refused';

export interface AutofixReport {
  status: AutofixStatus;
  namespace: string;
  deployment: string;
  /** Every finding seen over the whole run, across rounds. */
  findings: Finding[];
  actions: ActionRecord[];
  /** One line per thing done, for people (the seed's `actions_taken`). */
  actionsTaken: string[];
  /** Why it is not fixed, for people; empty when fixed or healthy. */
  error: string;
  rounds: number;
}

/**
 * Diagnose, fix, verify, in bounded rounds (a fault may only show once another is fixed). Every change is
 * checked against the policy, dry-run on the server first, recorded, and verified; a fix that does not verify
 * is rolled back to the spec found at the start. When a fault no fix may touch keeps the workload down,
 * nothing is changed and the run is escalated to a person.
 */
export async function runAutofix(deps: AutofixDeps, input: AutofixInput): Promise<AutofixReport> {
  const { cluster } = deps;
  const { namespace, deployment: name } = input;
  const report: AutofixReport = {
    status: 'failed',
    namespace,
    deployment: name,
    findings: [],
    actions: [],
    actionsTaken: [],
    error: '',
    rounds: 0,
  };
  const step = (message: string) => {
    report.actionsTaken.push(message);
    deps.onStep?.(message);
  };
  const record = async (action: Omit<ActionRecord, 'id' | 'at' | 'actor' | 'reason' | 'target'>) => {
    const full: ActionRecord = {
      id: randomUUID(),
      at: new Date().toISOString(),
      actor: input.actor,
      reason: input.event || 'autofix',
      target: { kind: 'Deployment', namespace, name },
      ...action,
    };
    report.actions.push(full);
    await deps.audit?.record(full);
    return full;
  };
  const finish = (status: AutofixStatus, error = '') => Object.assign(report, { status, error });

  const refusal = namespaceRefusal(deps.policy, namespace);
  if (refusal) {
    await record({ kind: 'patch', changes: [], dryRun: null, outcome: 'refused', detail: refusal });
    return finish('refused', refusal);
  }

  try {
    const original = await cluster.getDeployment(namespace, name);
    if (!original) return finish('failed', `deployment ${namespace}/${name} not found`);
    let changed = false;

    for (let round = 1; round <= deps.maxRounds; round++) {
      report.rounds = round;
      const workload = await readWorkload(cluster, namespace, name);
      if (!workload) return finish('failed', `deployment ${namespace}/${name} disappeared`);
      const findings = await diagnoseWorkload(workload);
      remember(report, findings);
      step(`round ${round}: ${findings.length ? findings.map((f) => f.category).join(', ') : 'no finding'}`);

      const blocking = findings.filter((f) => !f.fixable);
      if (blocking.length > 0) {
        if (changed) await rollBack(deps, original, record, step);
        await record({
          kind: 'escalate',
          changes: [],
          dryRun: null,
          outcome: 'escalated',
          detail: explain(blocking),
        });
        return finish('escalated', explain(blocking));
      }

      if (findings.length === 0) {
        if (rolloutComplete(workload.deployment)) return finish(changed ? 'fixed' : 'healthy');
        const settled = await verifyRollout(cluster, namespace, name, verifyOptions(deps));
        if (settled.verified) return finish(changed ? 'fixed' : 'healthy');
        if (settled.findings.length > 0) continue;
        if (changed) await rollBack(deps, original, record, step);
        return finish('escalated', `not ready and no known cause: ${settled.detail}`);
      }

      const plan = await planFix(workload, findings);
      for (const note of plan.refusals) step(`not fixed: ${note}`);
      const changes = diffObjects(workload.deployment.spec, plan.deployment.spec, 'spec');
      if (changes.length === 0 && changed) {
        // Nothing more to change: what was applied may just need the rollout to finish.
        const settled = await verifyRollout(cluster, namespace, name, verifyOptions(deps));
        step(`verify: ${settled.detail}`);
        if (settled.verified) return finish('fixed');
      }
      if (changes.length === 0) {
        if (changed) await rollBack(deps, original, record, step);
        const why = `nothing can be fixed safely: ${plan.refusals.join('; ') || explain(findings)}`;
        await record({ kind: 'escalate', changes: [], dryRun: null, outcome: 'escalated', detail: why });
        return finish('escalated', why);
      }

      const violations = changeViolations(deps.policy, changes);
      if (violations.length > 0) {
        await record({
          kind: 'patch',
          changes,
          dryRun: null,
          outcome: 'refused',
          detail: violations.join('; '),
        });
        return finish('refused', violations.join('; '));
      }

      const patch = containerPatch(workload.deployment, plan.deployment);
      const dryRun = await dryRunPatch(cluster, patch, workload.deployment, deps.policy);
      if (!dryRun.ok) {
        await record({ kind: 'patch', changes, dryRun, outcome: 'dry-run-failed', detail: dryRun.message });
        if (changed) await rollBack(deps, original, record, step);
        return finish('failed', `the server refused the fix in dry-run: ${dryRun.message}`);
      }
      if (!input.apply) {
        await record({
          kind: 'patch',
          changes,
          dryRun,
          outcome: 'skipped',
          detail: `proposed: ${plan.descriptions.join('; ')}`,
        });
        step(`proposed (not applied without force): ${plan.descriptions.join('; ')}`);
        return finish('proposed', 'changes proposed, not applied: set force to apply them');
      }

      await guardedPatch(cluster, workload.deployment, patch, false);
      changed = true;
      await record({
        kind: 'patch',
        changes,
        dryRun,
        outcome: 'applied',
        detail: plan.descriptions.join('; '),
      });
      step(`applied: ${plan.descriptions.join('; ')}`);

      const verification = await verifyRollout(cluster, namespace, name, verifyOptions(deps));
      step(`verify: ${verification.detail}`);
      if (verification.verified) {
        await record({
          kind: 'patch',
          changes: [],
          dryRun: null,
          outcome: 'verified',
          detail: verification.detail,
        });
        return finish('fixed');
      }
      remember(report, verification.findings);
    }

    await rollBack(deps, original, record, step);
    const why = `the fix did not verify within ${deps.maxRounds} round(s); rolled back to the original spec`;
    await record({ kind: 'escalate', changes: [], dryRun: null, outcome: 'escalated', detail: why });
    return finish('escalated', why);
  } catch (error) {
    // An unreachable cluster is worth retrying; the caller (a queue job) decides.
    if (error instanceof ClusterError && error.status === null) throw error;
    return finish('failed', error instanceof Error ? error.message : String(error));
  }
}

function verifyOptions(deps: AutofixDeps) {
  return { timeoutMs: deps.verifyTimeoutMs, pollMs: deps.pollMs ?? 1000, settleMs: deps.settleMs ?? 30_000 };
}

function remember(report: AutofixReport, findings: Finding[]): void {
  for (const f of findings) {
    if (!report.findings.some((k) => k.category === f.category && k.container === f.container))
      report.findings.push(f);
  }
}

function explain(findings: Finding[]): string {
  return findings.map((f) => `${f.category}: ${f.message}`).join('; ');
}

/** Runs the fixers in registry order over a copy of the Deployment, each on the containers its finding names. */
async function planFix(workload: Workload, findings: Finding[]) {
  const deployment = copyOf(workload.deployment);
  const containers: V1Container[] = deployment.spec?.template.spec?.containers ?? [];
  const descriptions: string[] = [];
  const refusals: string[] = [];
  for (const fixer of FIXERS) {
    for (const finding of findings.filter((f) => f.category === fixer.category)) {
      const targets = containers.filter((c) => !finding.container || c.name === finding.container);
      for (const container of targets) {
        const result = await fixer.fix({ finding, container, workload });
        if ('refused' in result) refusals.push(`${finding.category} (${container.name}): ${result.refused}`);
        else {
          containers[containers.indexOf(container)] = result.container;
          descriptions.push(`${container.name}: ${result.description}`);
        }
      }
    }
  }
  return { deployment, descriptions, refusals };
}

/** A strategic merge patch of the changed containers. */
function containerPatch(before: V1Deployment, after: V1Deployment): object {
  const old = new Map((before.spec?.template.spec?.containers ?? []).map((c) => [c.name, JSON.stringify(c)]));
  const containers = (after.spec?.template.spec?.containers ?? []).filter(
    (c) => old.get(c.name) !== JSON.stringify(c),
  );
  return { spec: { template: { spec: { containers } } } };
}

/**
 * Writes only while the spec is still the one the write was computed from. Each write carries a
 * resourceVersion, so a concurrent one gets 409; status updates also move the resourceVersion (the controller
 * writes them all the time), so on 409 the spec is compared and the write retried with the new version when
 * only the status moved.
 */
async function writeWhileSpecUnchanged(
  cluster: Cluster,
  basis: V1Deployment,
  write: (resourceVersion: string | undefined) => Promise<V1Deployment>,
): Promise<V1Deployment> {
  let version = basis.metadata?.resourceVersion;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(version);
    } catch (error) {
      if (!(error instanceof ClusterError) || error.status !== 409 || attempt >= 5) throw error;
      const current = await cluster.getDeployment(
        basis.metadata?.namespace ?? '',
        basis.metadata?.name ?? '',
      );
      if (JSON.stringify(current?.spec) !== JSON.stringify(basis.spec)) {
        throw new ClusterError(
          'the deployment spec changed while the change was being prepared; nothing written',
          409,
        );
      }
      version = current?.metadata?.resourceVersion;
    }
  }
}

/** A patch of the spec the fix was computed from (see writeWhileSpecUnchanged). */
function guardedPatch(
  cluster: Cluster,
  basis: V1Deployment,
  patch: object,
  dryRun: boolean,
): Promise<V1Deployment> {
  const namespace = basis.metadata?.namespace ?? '';
  const name = basis.metadata?.name ?? '';
  return writeWhileSpecUnchanged(cluster, basis, (resourceVersion) =>
    cluster.patchDeployment(namespace, name, { ...patch, metadata: { resourceVersion } }, dryRun),
  );
}

/** The server's dry-run answer, also checked against the policy: the server must not change more than we asked. */
async function dryRunPatch(
  cluster: Cluster,
  patch: object,
  before: V1Deployment,
  policy: FixPolicy,
): Promise<{ ok: boolean; message: string }> {
  try {
    const answer = await guardedPatch(cluster, before, patch, true);
    const serverChanges: FieldChange[] = diffObjects(before.spec, answer.spec, 'spec');
    const violations = changeViolations(policy, serverChanges);
    if (violations.length > 0)
      return { ok: false, message: `dry-run result changes more: ${violations.join('; ')}` };
    return { ok: true, message: `server dry-run accepted ${serverChanges.length} field change(s)` };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Puts back the template and replicas found at the start, recording what that changed. */
async function rollBack(
  deps: AutofixDeps,
  original: V1Deployment,
  record: (a: Omit<ActionRecord, 'id' | 'at' | 'actor' | 'reason' | 'target'>) => Promise<ActionRecord>,
  step: (m: string) => void,
): Promise<void> {
  const namespace = original.metadata?.namespace ?? '';
  const name = original.metadata?.name ?? '';
  const current = await deps.cluster.getDeployment(namespace, name);
  if (!current?.spec) return;
  const restored: V1Deployment = {
    ...current,
    spec: { ...current.spec, template: copyOf(original.spec!.template), replicas: original.spec?.replicas },
  };
  const changes = diffObjects(current.spec, restored.spec, 'spec');
  if (changes.length === 0) return;
  // The controller keeps moving the status: a 409 from that alone is retried, a changed spec is not.
  await writeWhileSpecUnchanged(deps.cluster, current, (resourceVersion) =>
    deps.cluster.replaceDeployment(
      namespace,
      name,
      { ...restored, metadata: { ...restored.metadata, resourceVersion } },
      false,
    ),
  );
  await record({
    kind: 'rollback',
    changes,
    dryRun: null,
    outcome: 'rolled-back',
    detail: 'restored the spec found at the start',
  });
  step('rolled back to the spec found at the start');
}
