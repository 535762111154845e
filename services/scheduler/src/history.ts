import { readFile } from 'node:fs/promises';
import { evenlySpaced, parseSeriesCsv, type Series } from '@aiops/forecast';
import type { MetricsSource } from '@aiops/metrics';
import type { SchedulerEnv } from './env';

/** The request-rate history the load model is fitted on: the query over the last days, or the CSV stand-in. */
export async function readHistory(
  env: SchedulerEnv,
  source: MetricsSource,
  now = Date.now(),
): Promise<Series> {
  if (env.PREDICTION_HISTORY_CSV) {
    const { series } = parseSeriesCsv(await readFile(env.PREDICTION_HISTORY_CSV, 'utf8'));
    const last = series.timestamps.at(-1) ?? now;
    // Shifted by whole days, so it ends within the last day with each point at its own time of day.
    const shift = Math.floor((now - last) / 86_400_000) * 86_400_000;
    return { timestamps: series.timestamps.map((t) => t + shift), values: series.values };
  }
  const stepSeconds = env.PREDICTION_STEP_MINUTES * 60;
  const start = now - env.PREDICTION_HISTORY_DAYS * 86_400_000;
  const answer = await source.queryRange(env.PREDICTION_QUERY, start, now, stepSeconds);
  const totals = new Map<number, number>();
  for (const series of answer) {
    for (const [i, t] of series.timestamps.entries()) {
      const v = series.values[i]!;
      if (Number.isFinite(v)) totals.set(t, (totals.get(t) ?? 0) + v);
    }
  }
  const samples = [...totals.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([timestamp, value]) => ({ timestamp, value }));
  return evenlySpaced(samples).series;
}
