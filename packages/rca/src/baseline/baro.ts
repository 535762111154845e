import { changePointOnset } from '../analysis/change-point-onset';
import { entityKey } from '../entity';
import { type EntityRef, type RankingInput, RankingInputSchema } from '../input';
import { robustScale } from '../stats/robust';

export interface BaroOptions {
  /** The onset is searched for from this long before the alert time. Default 5 min. */
  onsetLookbackMs?: number;
  /** ...to this long after it. Default 1 min. */
  onsetSlackMs?: number;
  /**
   * `bocpd` (default) finds the onset; `alert` takes the alert time as the onset, as RCAEval's BARO runs
   * are scored with the injection time given.
   */
  onset?: 'bocpd' | 'alert';
}

export interface BaroRanking {
  /** The onset BOCPD found (Unix ms), or the alert time when it found none. */
  onset: number;
  ranked: { entity: EntityRef; score: number; metric: string }[];
}

/**
 * The BARO baseline (Pham et al., FSE 2024): Bayesian online change point detection for the onset, then
 * every metric's robust score (x - median) / IQR against the pre-onset window (scikit-learn's
 * RobustScaler: a zero IQR counts as 1), and entities ranked by the largest score of their metrics
 * after the onset. Used by the benchmark as the reference to beat.
 */
export function rankBaro(rawInput: RankingInput, options: BaroOptions = {}): BaroRanking {
  const input = RankingInputSchema.parse(rawInput);
  const lookback = options.onsetLookbackMs ?? 5 * 60_000;
  const slack = options.onsetSlackMs ?? 60_000;
  const alert = input.alertTime ?? Math.max(...input.series.map((s) => s.timestamps.at(-1) ?? 0));
  const onset =
    options.onset === 'alert'
      ? alert
      : (changePointOnset(input.series, { notBefore: alert - lookback, notAfter: alert + slack }) ?? alert);

  const best = new Map<string, { entity: EntityRef; score: number; metric: string }>();
  for (const series of input.series) {
    const normal = series.values.filter((_, i) => series.timestamps[i]! < onset);
    if (normal.length === 0) continue;
    const scale = robustScale(normal);
    const iqr = scale.iqr === 0 ? 1 : scale.iqr;
    let score = 0;
    series.values.forEach((v, i) => {
      if (series.timestamps[i]! >= onset) score = Math.max(score, Math.abs(v - scale.median) / iqr);
    });
    const key = entityKey(series.entity);
    const current = best.get(key);
    if (!current || score > current.score)
      best.set(key, { entity: series.entity, score, metric: series.metric });
  }
  const ranked = [...best.entries()]
    .sort(([ka, a], [kb, b]) => b.score - a.score || (ka < kb ? -1 : 1))
    .map(([, r]) => r);
  return { onset, ranked };
}
