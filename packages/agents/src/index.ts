export { type AgentName, type AgentStep, timelineEntryFor } from './agent-step';
export type { AgentDefinition } from './agents/agent';
export { AGENTS, handoffToolName } from './agents/registry';
export { createChatModel, resolveLlmOptions } from './model';
export { notificationsOf, type WorkflowNotification } from './notifications';
export { LLM_DEFAULTS, type LlmOptions, type MetricSeries, type WorkflowDeps } from './options';
export { planAllowsFix } from './plan-allows-fix';
export { redactDeep, redactSecrets } from './redact';
export {
  defaultRunbookIndex,
  RUNBOOKS_DIR,
  type RunbookHit,
  RunbookIndex,
  type RunbookPassage,
  searchRunbooks,
} from './runbooks/runbook-index';
export {
  DEFAULT_SANDBOX_LIMITS,
  runInSandbox,
  SANDBOX_NODE_FLAG,
  type SandboxLimits,
  type SandboxResult,
} from './sandbox/sandbox';
export { deploymentOf, subjectFromIncident, subjectFromProblem, type WorkflowSubject } from './subject';
export { runPlanningWorkflow, type WorkflowOptions, type WorkflowResult } from './workflow';
