import type { Finding } from '@aiops/contracts';
import type { AutofixReport } from '@aiops/kube';
import type { MetricSeries, WorkflowDeps } from './options';
import type { PlanBuilder } from './plan-builder';
import type { RunbookIndex } from './runbooks/runbook-index';
import type { SandboxLimits } from './sandbox/sandbox';
import type { WorkflowSubject } from './subject';

/** What the tools of one planning attempt share. */
export interface ToolContext {
  deps: WorkflowDeps;
  subject: WorkflowSubject;
  builder: PlanBuilder;
  runbooks: RunbookIndex;
  sandbox: SandboxLimits;
  /** The subject's metric series, read at most once per run. */
  series(): Promise<MetricSeries[]>;
  /** What the tools saw, by `namespace/deployment`: diagnoses and proposed fixes. */
  observed: {
    findings: Map<string, Finding[]>;
    proposals: Map<string, AutofixReport>;
  };
}

export const workloadKey = (namespace: string, deployment: string) => `${namespace}/${deployment}`;
