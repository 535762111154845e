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
    return replayedUntil(series, now);
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

/**
 * A recorded history replayed as if it ended now: shifted by whole days (each point keeps its time of day)
 * until it reaches now, and cut there, so the prediction is of the present and not of the recording's end.
 */
export function replayedUntil(series: Series, now: number): Series {
  const last = series.timestamps.at(-1) ?? now;
  const shift = Math.max(0, Math.ceil((now - last) / 86_400_000)) * 86_400_000;
  const timestamps = series.timestamps.map((t) => t + shift);
  const end = timestamps.findLastIndex((t) => t <= now) + 1;
  return { timestamps: timestamps.slice(0, end), values: series.values.slice(0, end) };
}
