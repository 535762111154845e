export type { EntitySignal, EntityState, RankingContext, RankingOptions } from './analysis/context';
export type { SeriesAnalysis } from './analysis/series-analysis';
export { type AnalyzeOptions, analyzeIncident, type RcaAnalysis } from './analyze';
export { rankingAnomalies } from './anomalies';
export { type BaroOptions, type BaroRanking, rankBaro } from './baseline/baro';
export {
  type CaseTruth,
  type GeneratedCase,
  listCases,
  type RcaCase,
  readCase,
  readTruth,
  writeCase,
} from './bench/case-format';
export { caseToRankingInput } from './bench/case-input';
export { type BenchResult, type BenchRow, formatBenchTable, runBench } from './bench/run-bench';
export { type AccuracyScores, accuracyAt, type RankedCase, scoreRankings } from './bench/scoring';
export { callEdgesFromRequestLabels } from './call-graph';
export { entityKey, entityLabel, entityLabels } from './entity';
export { type GenerateOptions, generateCase } from './generator/generate-case';
export { FAULT_KINDS, type FaultKind } from './generator/scenario';
export * from './input';
export { redact, redactValue } from './llm/redact';
export { DEFAULT_LLM_MODEL, type LlmOptions, type RcaSummary, summarizeRanking } from './llm/summarize';
export { type LlmSummary, LlmSummarySchema } from './llm/summary-schema';
export { type RankingResult, rankRootCauses } from './rank';
export {
  type RenderedReport,
  type ReportChart,
  type ReportOptions,
  renderReport,
} from './report/render-report';
export { deterministicSummary } from './report/summary';
export { type LineChartSpec, renderLineChart } from './report/svg-chart';
export { SCORERS } from './scorers/registry';
export type { ScoredEntity, Scorer } from './scorers/scorer';
