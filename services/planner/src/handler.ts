import {
  type LlmOptions,
  runPlanningWorkflow,
  subjectFromIncident,
  subjectFromProblem,
  timelineEntryFor,
} from '@aiops/agents';
import type { Incident } from '@aiops/contracts';
import { Cluster, createKubeApis, type KubeEnv, loadKubeConfig, policyFromEnv } from '@aiops/kube';
import {
  type LlmEnv,
  llmOptionsFromEnv,
  type RuntimeEnv,
  type ServiceContext,
  type StageHandler,
} from '@aiops/runtime';

export function llmOptions(env: LlmEnv): LlmOptions | undefined {
  return env.LLM_BASE_URL
    ? {
        baseUrl: env.LLM_BASE_URL,
        model: env.LLM_MODEL,
        apiKey: env.LLM_API_KEY,
        timeoutMs: env.LLM_TIMEOUT_MS,
      }
    : undefined;
}

/** What the workflow plans for: the alert's incident, or the problem a person described through the API. */
function subjectOf(incident: Incident) {
  if (incident.source !== 'api' || !incident.request) return subjectFromIncident(incident);
  const { target } = incident;
  return subjectFromProblem(incident.id, {
    problem_description: incident.request.event,
    namespace: target.namespace,
    deployment: target.kind === 'deployment' ? target.name : undefined,
  });
}

/**
 * The plan stage: the multi-agent workflow (or its deterministic plan without an LLM) decides what the fix
 * stage may do; each agent step goes on the incident's timeline as it happens.
 */
export function createPlanHandler(ctx: ServiceContext<KubeEnv & LlmEnv & RuntimeEnv>): StageHandler {
  const cluster = new Cluster(createKubeApis(loadKubeConfig(ctx.env)));
  const policy = policyFromEnv(ctx.env);
  const llm = llmOptionsFromEnv(ctx.env);
  return async ({ incident }) => {
    let steps = Promise.resolve();
    const result = await runPlanningWorkflow({ cluster, policy }, subjectOf(incident), {
      llm,
      onStep: (step) => {
        steps = steps.then(() => ctx.store.appendTimeline(incident.id, timelineEntryFor(step)));
      },
    });
    await steps;
    const fallback = result.fallbackReason ? ` (deterministic: ${result.fallbackReason})` : '';
    return {
      message: `${result.plan.summary}${fallback}`,
      status: 'planned',
      slots: { plan: result.plan, ...(result.findings.length > 0 ? { findings: result.findings } : {}) },
    };
  };
}
