import { type FieldChange, type Finding, K8sNameSchema, K8sNamespaceSchema } from '@aiops/contracts';
import {
  changeViolations,
  diagnoseDeployment,
  namespaceRefusal,
  rolloutComplete,
  runAutofix,
} from '@aiops/kube';
import { z } from 'zod';
import { deploymentOf } from '../subject';
import { type ToolContext, workloadKey } from '../tool-context';
import { clip } from '../untrusted';
import { defineTool, ok, refused, type ToolSpec } from './tool-spec';

const WorkloadArgs = z.object({
  namespace: K8sNamespaceSchema.describe('namespace of the Deployment'),
  deployment: K8sNameSchema.describe('name of the Deployment'),
});

/** What the model reads of a finding: enough to reason on, without whole manifests. */
function compact(f: Finding) {
  return {
    category: f.category,
    container: f.container,
    fixable: f.fixable,
    message: clip(f.message, 400),
    evidence: f.evidence.slice(0, 3).map((e) => clip(`${e.kind} ${e.source}: ${e.text}`, 300)),
  };
}

function describeFindings(findings: Finding[]): string {
  if (findings.length === 0) return 'no finding';
  const list = findings.map(
    (f) => `${f.category}${f.container ? ` (${f.container})` : ''} ${f.fixable ? 'fixable' : 'not fixable'}`,
  );
  return `${findings.length} finding(s): ${list.join(', ')}`;
}

/** `spec.template.spec.containers[api].image` names container `api`. */
const CONTAINER_IN_PATH = /containers\[([^\]]+)\]/;

/** The Kubernetes fixer's tools: read, propose, decide; the fix stage alone changes the cluster. */
export function kubernetesTools(ctx: ToolContext): ToolSpec[] {
  const { cluster, policy } = ctx.deps;
  return [
    defineTool({
      name: 'diagnose',
      description:
        'Read-only. Diagnose a Deployment (its pods, events, probes, resources and logs) and list the findings, each with its category and whether it can be fixed automatically.',
      schema: WorkloadArgs,
      async run({ namespace, deployment }) {
        const findings = await diagnoseDeployment(cluster, namespace, deployment);
        if (!findings) return { status: 'error', summary: `deployment ${namespace}/${deployment} not found` };
        ctx.observed.findings.set(workloadKey(namespace, deployment), findings);
        return ok(describeFindings(findings), findings.map(compact));
      },
    }),
    defineTool({
      name: 'propose_fix',
      description:
        'Compute the fix for a Deployment without changing anything: the field changes the fixers would make and the server dry-run verdict, or why it cannot be fixed automatically.',
      schema: WorkloadArgs,
      async run({ namespace, deployment }) {
        const report = await runAutofix(
          { cluster, policy, maxRounds: 1, verifyTimeoutMs: 0 },
          { namespace, deployment, event: ctx.subject.title, apply: false, actor: 'agent:kubernetes-fixer' },
        );
        ctx.observed.proposals.set(workloadKey(namespace, deployment), report);
        const changes = report.actions.flatMap((a) =>
          a.changes.map((c) => ({ path: c.path, before: c.before, after: c.after })),
        );
        const dryRun = report.actions.find((a) => a.dryRun)?.dryRun ?? null;
        // The findings were the diagnosis' answer; "not applied: set force" is the autofix API's wording.
        const why = report.status === 'proposed' ? undefined : report.error;
        const data = { status: report.status, changes, dryRun, why };
        if (report.status === 'refused') return refused(report.error, data);
        const verdict =
          report.status === 'proposed'
            ? `fix proposed: ${changes.length} field change(s), ${dryRun?.message ?? 'no dry-run'}`
            : report.status === 'healthy'
              ? 'healthy: nothing to fix'
              : `no automatic fix (${report.status}): ${report.error}`;
        return ok(clip(verdict, 400), data);
      },
    }),
    defineTool({
      name: 'schedule_fix',
      description:
        "Decide that the fix stage must apply the fix for the incident's Deployment. The fix stage applies it through the fix policy: only probes, CPU and memory, and replicas; server dry-run first, then verification and rollback. Protected or not allowed namespaces are refused.",
      schema: WorkloadArgs.extend({
        reason: z.string().max(500).default('').describe('why the fix should be applied'),
      }),
      async run({ namespace, deployment }) {
        const policyRefusal = namespaceRefusal(policy, namespace);
        if (policyRefusal) return refused(policyRefusal);
        const target = deploymentOf(ctx.subject.target);
        if (!target || target.namespace !== namespace || target.deployment !== deployment) {
          const own = target
            ? `${target.namespace}/${target.deployment}`
            : 'none (the incident is not about a Deployment)';
          return refused(`a plan may only schedule the fix of its incident's Deployment: ${own}`);
        }
        if (!(await cluster.getDeployment(namespace, deployment)))
          return refused(`deployment ${namespace}/${deployment} not found`);
        return ok(
          `the fix stage will fix ${namespace}/${deployment} through the policy, then verify the rollout (rolled back if it does not verify)`,
        );
      },
    }),
    defineTool({
      name: 'propose_patch',
      description:
        'Propose explicit field changes to a Deployment for people to review, checked against the fix policy (only probes, CPU and memory requests and limits, and replicas may change; never image, command, args or env). Nothing is applied.',
      schema: WorkloadArgs.extend({
        changes: z
          .array(
            z.object({
              path: z
                .string()
                .min(1)
                .max(300)
                .describe('e.g. spec.template.spec.containers[api].resources.limits.memory'),
              value: z.unknown().describe('the new value'),
            }),
          )
          .min(1)
          .max(10),
        reason: z.string().max(500).default(''),
      }),
      async run({ namespace, deployment, changes }) {
        const policyRefusal = namespaceRefusal(policy, namespace);
        if (policyRefusal) return refused(policyRefusal);
        const current = await cluster.getDeployment(namespace, deployment);
        if (!current) return refused(`deployment ${namespace}/${deployment} not found`);
        const containers = new Set((current.spec?.template.spec?.containers ?? []).map((c) => c.name));
        const unknown = changes
          .map((c) => CONTAINER_IN_PATH.exec(c.path)?.[1])
          .filter((name): name is string => name !== undefined && !containers.has(name));
        if (unknown.length > 0)
          return refused(`no container named ${unknown.join(', ')} in ${namespace}/${deployment}`);
        const fieldChanges: FieldChange[] = changes.map((c) => ({
          path: c.path,
          before: undefined,
          after: c.value,
        }));
        const violations = changeViolations(policy, fieldChanges);
        if (violations.length > 0) return refused(`the fix policy refuses: ${violations.join('; ')}`);
        return ok(
          `patch proposal of ${changes.map((c) => c.path).join(', ')} recorded for review (not applied)`,
        );
      },
    }),
    defineTool({
      name: 'verify',
      description:
        "Read-only. A Deployment's rollout status: desired, updated, ready and available replicas, and whether the rollout is complete.",
      schema: WorkloadArgs,
      async run({ namespace, deployment }) {
        const d = await cluster.getDeployment(namespace, deployment);
        if (!d) return { status: 'error', summary: `deployment ${namespace}/${deployment} not found` };
        const s = d.status;
        const data = {
          complete: rolloutComplete(d),
          desired: d.spec?.replicas ?? 1,
          updated: s?.updatedReplicas ?? 0,
          ready: s?.readyReplicas ?? 0,
          available: s?.availableReplicas ?? 0,
        };
        return ok(
          `${data.ready}/${data.desired} ready, rollout ${data.complete ? 'complete' : 'not complete'}`,
          data,
        );
      },
    }),
  ];
}
