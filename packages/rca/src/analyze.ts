import type { RcaResult } from '@aiops/contracts';
import type { RankingOptions } from './analysis/context';
import type { RankingInput } from './input';
import { type LlmOptions, type RcaSummary, summarizeRanking } from './llm/summarize';
import { type RankingResult, rankRootCauses } from './rank';
import { type ReportChart, renderReport } from './report/render-report';

export interface AnalyzeOptions extends RankingOptions {
  /** Heads the report, e.g. the incident's title. */
  title?: string;
  /** Where to ask for the summary; without `baseUrl` the deterministic summary is used. */
  llm?: LlmOptions;
}

export interface RcaAnalysis {
  /** The contract's RCA result: candidates, summary, its source and the markdown report. */
  result: RcaResult;
  /** The SVG charts the report links as `charts/<name>.svg`. */
  charts: ReportChart[];
  ranking: RankingResult;
  summary: RcaSummary;
}

/**
 * The whole RCA of one incident: rank the candidates, render the deterministic report, ask the LLM for a
 * summary on top of it (or fall back), and put the summary at the head of the report.
 */
export async function analyzeIncident(
  input: RankingInput,
  options: AnalyzeOptions = {},
): Promise<RcaAnalysis> {
  const ranking = rankRootCauses(input, options);
  const base = { ...(options.title ? { title: options.title } : {}) };
  const deterministic = renderReport(ranking, base);
  const summary = await summarizeRanking(ranking, deterministic.markdown, options.llm ?? {});
  const report =
    summary.summarySource === 'llm'
      ? renderReport(ranking, {
          ...base,
          summary: `${summary.summary}\n\n*Written by the LLM ${summary.model ?? ''} from the analysis below, which is authoritative.*`,
        })
      : deterministic;
  return {
    result: {
      candidates: ranking.candidates,
      summary: summary.summary,
      summarySource: summary.summarySource,
      report: report.markdown,
    },
    charts: report.charts,
    ranking,
    summary,
  };
}
