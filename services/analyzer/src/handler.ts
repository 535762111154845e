import type { Cluster } from '@aiops/kube';
import type { MetricsSource } from '@aiops/metrics';
import { analyzeIncident, type LlmOptions } from '@aiops/rca';
import { type DetectionEnv, type IncidentStore, incidentWindow, type StageHandler } from '@aiops/runtime';
import { buildRankingInput } from './ranking-input';

/**
 * The analyze (RCA) stage: ranks the root-cause candidates in the target's namespace with their evidence,
 * writes the report (and its charts) and an LLM summary on top when an LLM is configured.
 */
export function createAnalyzeHandler(deps: {
  env: DetectionEnv;
  source: MetricsSource;
  cluster?: Cluster;
  llm?: LlmOptions;
  store: IncidentStore;
}): StageHandler {
  return async ({ incident }) => {
    const input = await buildRankingInput({
      incident,
      cluster: deps.cluster,
      source: deps.source,
      window: incidentWindow(incident, deps.env.DETECT_WINDOW_MINUTES),
      stepSeconds: deps.env.DETECT_STEP_SECONDS,
    });
    const analysis = await analyzeIncident(input, { title: incident.title, llm: deps.llm });
    await deps.store.setCharts(incident.id, analysis.charts);
    const top = analysis.result.candidates[0];
    return {
      message: top
        ? `top cause: ${top.resource.kind} ${top.resource.name} (confidence ${top.confidence.toFixed(2)}; summary by ${analysis.result.summarySource})`
        : 'no candidate in scope',
      status: 'analyzed',
      slots: { rca: analysis.result },
    };
  };
}
