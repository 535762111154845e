import { guessUnit } from '../analysis/metric-kind';
import type { SeriesAnalysis } from '../analysis/series-analysis';
import { entityKey, entityLabel } from '../entity';
import { formatNumber, isoTime } from '../format';
import type { RankingResult } from '../rank';
import { nextSteps } from './next-steps';
import { deterministicSummary } from './summary';
import { renderLineChart } from './svg-chart';

export interface ReportChart {
  /** File name without extension; the markdown links it as `charts/<name>.svg`. */
  name: string;
  svg: string;
}

export interface RenderedReport {
  markdown: string;
  charts: ReportChart[];
}

export interface ReportOptions {
  title?: string;
  /** The summary to print; the deterministic one by default (the LLM's goes here when it answered). */
  summary?: string;
  /** Candidates detailed with their evidence. Default 5. */
  maxCandidates?: number;
  /** Charts drawn. Default 6. */
  maxCharts?: number;
}

/**
 * The markdown report of a ranking: summary, ranked causes with their evidence, charts of the anomalous
 * metrics (onset marked), a timeline and next steps. Depends on nothing but its input: same ranking,
 * same bytes.
 */
export function renderReport(ranking: RankingResult, options: ReportOptions = {}): RenderedReport {
  const { candidates, context } = ranking;
  const shown = candidates.slice(0, options.maxCandidates ?? 5);
  const lines: string[] = [];
  lines.push(`# Root-cause analysis${options.title ? `: ${options.title}` : ''}`, '');
  lines.push('## Summary', '', options.summary ?? deterministicSummary(ranking), '');
  lines.push(
    `Window ${isoTime(context.start)} to ${isoTime(context.end)}; ${context.analyses.length} metric series, ${context.events.length} events, ${context.graph.edgeCount} dependency edges. ` +
      (context.alertTimeGiven
        ? `Alert time ${isoTime(context.alertTime)}; the onset was searched for before it.`
        : `No alert time given; change points put the incident at ${isoTime(context.alertTime)}.`),
    '',
  );

  lines.push('## Ranked causes', '');
  if (shown.length === 0) lines.push('No candidate: nothing points at a resource.', '');
  else {
    lines.push('| # | resource | score | confidence | reason |', '|---|---|---|---|---|');
    for (const c of shown) {
      lines.push(
        `| ${c.rank} | ${cell(entityLabel(c.resource))} | ${c.score.toFixed(3)} | ${c.confidence.toFixed(2)} | ${cell(c.reason)} |`,
      );
    }
    lines.push('');
    for (const c of shown) {
      lines.push(`### ${c.rank}. ${entityLabel(c.resource)}`, '', `${c.reason}.`, '');
      for (const e of c.evidence)
        lines.push(`- ${e.at ? `${e.at} ` : ''}**${e.kind}** (${inline(e.source)}): ${inline(e.text)}`);
      lines.push('');
    }
  }

  const charts = chartsFor(ranking, options.maxCharts ?? 6);
  lines.push('## Anomalous metrics', '');
  if (charts.length === 0) lines.push('No anomalous metric to show.', '');
  for (const chart of charts) {
    lines.push(`![${chart.caption}](charts/${chart.name}.svg)`, '', `*${chart.caption}*`, '');
  }

  lines.push('## Timeline', '', '| time (UTC) | what |', '|---|---|');
  for (const entry of timeline(ranking)) lines.push(`| ${entry.at} | ${cell(entry.text)} |`);
  lines.push('');

  lines.push('## Next steps', '');
  lines.push(...nextSteps(candidates, context).map((step, i) => `${i + 1}. ${step}`));
  lines.push('');
  return { markdown: lines.join('\n'), charts: charts.map(({ name, svg }) => ({ name, svg })) };
}

/** The anomalous series of the leading candidates, then of the other anomalous entities. */
function chartsFor(ranking: RankingResult, max: number): (ReportChart & { caption: string })[] {
  const { candidates, context } = ranking;
  const order = [
    ...candidates.map((c) => entityKey(c.resource)),
    ...[...context.entities.values()]
      .sort((a, b) => b.strength - a.strength || (a.key < b.key ? -1 : 1))
      .map((e) => e.key),
  ];
  const picked: SeriesAnalysis[] = [];
  [...new Set(order)].forEach((key, i) => {
    const analyses = (context.entities.get(key)?.signals ?? []).flatMap((s) =>
      s.analysis ? [s.analysis] : [],
    );
    // The leading candidate gets up to three charts, every other entity its strongest metric.
    for (const analysis of analyses.slice(0, i === 0 ? 3 : 1)) if (picked.length < max) picked.push(analysis);
  });
  const used = new Set<string>();
  return picked.map((analysis) => {
    const { entity, metric, unit, timestamps, values } = analysis.series;
    let name = slug(`${entity.name}-${metric}`);
    if (used.has(name)) name = slug(`${entity.kind}-${entity.namespace ?? ''}-${entity.name}-${metric}`);
    for (let i = 2; used.has(name); i++) name = `${slug(`${entity.name}-${metric}`)}-${i}`;
    used.add(name);
    const title = `${entityLabel(entity)} ${metric}`;
    const onset = analysis.onsetIndex !== null ? timestamps[analysis.onsetIndex]! : null;
    const caption = `${title}: onset ${onset !== null ? isoTime(onset) : 'none'}, robust score ${formatNumber(analysis.peak)} at the peak, baseline median ${formatNumber(analysis.baseline.median)}`;
    const svg = renderLineChart({
      title,
      timestamps,
      values,
      unit: unit ?? guessUnit(metric) ?? metric,
      onset,
      alert: context.alertTimeGiven ? context.alertTime : null,
      baseline: analysis.baseline.median,
    });
    return { name, svg, caption };
  });
}

function timeline(ranking: RankingResult): { at: string; text: string }[] {
  const { context } = ranking;
  const entries: { time: number; text: string }[] = [];
  for (const event of context.events) {
    entries.push({
      time: event.time,
      text: `${event.kind} on ${entityLabel(event.entity)}${event.detail ? `: ${event.detail}` : ''}`,
    });
  }
  for (const state of context.entities.values()) {
    if (state.onset === null) continue;
    const signal = state.signals.find((s) => s.onset === state.onset) ?? state.signals[0]!;
    entries.push({
      time: state.onset,
      text: `${entityLabel(state.entity)} anomalous: ${signal.metric} ${signal.direction}`,
    });
  }
  if (context.alertTimeGiven) entries.push({ time: context.alertTime, text: 'alert' });
  return entries
    .sort((a, b) => a.time - b.time || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .map((e) => ({ at: isoTime(e.time), text: e.text }));
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** Text safe inside a markdown table cell. */
function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}

function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ');
}
