import { analysisTools } from '../tools/analysis-tools';
import type { AgentDefinition } from './agent';

const MAX_LISTED = 30;

export const coderAgent: AgentDefinition = {
  name: 'coder',
  description:
    "Analyses the incident's metric series with JavaScript run in a sandbox (peaks, onsets, trends, comparisons) and reports the numbers.",
  instructions: [
    "You are the data analyst of an incident-response team. Use run_analysis to compute what the task asks from the incident's metric series; the series are listed in the data below.",
    'Write plain JavaScript that returns a small JSON value (numbers, short arrays or objects). If the code fails, fix it and try again at most twice.',
    'Answer with the figures and what they mean for the incident, in a few sentences.',
  ].join('\n'),
  tools: analysisTools,
  async briefing(ctx) {
    const series = await ctx.series();
    return {
      series: series.slice(0, MAX_LISTED).map((s, index) => ({
        index,
        metric: s.metric,
        labels: s.labels,
        points: s.values.length,
        first: s.timestamps[0] === undefined ? null : new Date(s.timestamps[0]).toISOString(),
        last:
          s.timestamps.at(-1) === undefined ? null : new Date(s.timestamps.at(-1) as number).toISOString(),
      })),
      more: Math.max(0, series.length - MAX_LISTED),
    };
  },
};
