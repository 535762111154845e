import type { Correlation } from '@aiops/contracts';
import { typicalStep } from './seasonality';
import type { LabeledSeries } from './series';
import { ranks } from './stats';

/** Pairs both finite: correlations skip gaps instead of failing on them. */
function finitePairs(a: ArrayLike<number>, b: ArrayLike<number>): [Float64Array, Float64Array] {
  const n = Math.min(a.length, b.length);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) {
      xs.push(a[i]!);
      ys.push(b[i]!);
    }
  }
  return [Float64Array.from(xs), Float64Array.from(ys)];
}

function pearsonOfFinite(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 3) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 0 || syy <= 0) return 0;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Pearson's r over the points where both are finite; 0 when either is constant or fewer than 3 pairs. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [xs, ys] = finitePairs(a, b);
  return pearsonOfFinite(xs, ys);
}

/** Spearman's rho: Pearson on average ranks, so any monotonic relation counts and outliers weigh little. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [xs, ys] = finitePairs(a, b);
  if (xs.length < 3) return 0;
  return pearsonOfFinite(ranks(xs), ranks(ys));
}

/** a[i] against b[i + lag]: with a positive lag, b follows a by `lag` points. */
function shifted(a: ArrayLike<number>, b: ArrayLike<number>, lag: number): [number[], number[]] {
  const n = Math.min(a.length, b.length);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = Math.max(0, -lag); i < n && i + lag < n; i++) {
    xs.push(a[i]!);
    ys.push(b[i + lag]!);
  }
  return [xs, ys];
}

export interface LaggedCorrelation {
  /** Points b lags behind a at the strongest |Pearson| (positive: a moves first). */
  lag: number;
  pearson: number;
  spearman: number;
}

/**
 * Tries every shift of b against a within ±maxLagPoints and keeps the strongest |Pearson| (the smaller
 * shift on a tie), with at least `minOverlap` pairs at any shift.
 */
export function laggedCorrelation(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  maxLagPoints: number,
  minOverlap = 10,
): LaggedCorrelation {
  let best: LaggedCorrelation = { lag: 0, pearson: 0, spearman: 0 };
  const lags = [0];
  for (let k = 1; k <= maxLagPoints; k++) lags.push(k, -k);
  for (const lag of lags) {
    const [xs, ys] = shifted(a, b, lag);
    if (xs.length < minOverlap) continue;
    const r = pearson(xs, ys);
    if (Math.abs(r) > Math.abs(best.pearson) + 1e-9) best = { lag, pearson: r, spearman: 0 };
  }
  const [xs, ys] = shifted(a, b, best.lag);
  best.spearman = spearman(xs, ys);
  return best;
}

export interface CorrelateOptions {
  /** Largest shift tried, in points of the common grid; default 10. */
  maxLagPoints?: number;
  /**
   * A pair is kept when |Pearson| or |Spearman| at the best lag reaches this; default 0.7, a strong
   * correlation by the usual reading (0.5 is moderate and, over a few hundred points, often spurious for
   * metrics that all trend with traffic).
   */
  minAbsCorrelation?: number;
  /** Fewer common points than this and a pair is not compared; default 10. */
  minPoints?: number;
}

/** Values of both series on their common timestamps (Prometheus range queries share one grid). */
function alignOnTimestamps(
  a: LabeledSeries,
  b: LabeledSeries,
): { xs: number[]; ys: number[]; times: number[] } {
  const byTime = new Map<number, number>(b.timestamps.map((t, i) => [t, b.values[i]!]));
  const xs: number[] = [];
  const ys: number[] = [];
  const times: number[] = [];
  a.timestamps.forEach((t, i) => {
    const other = byTime.get(t);
    if (other !== undefined) {
      xs.push(a.values[i]!);
      ys.push(other);
      times.push(t);
    }
  });
  return { xs, ys, times };
}

/**
 * Correlates every pair of series (on their common timestamps, levels not differences: metrics that jump
 * together around an incident are what root-cause analysis wants) with a lag search, keeping the strong
 * pairs only, strongest first. `lagSeconds` > 0 and leader `a`: a moves first.
 */
export function correlateSeries(series: LabeledSeries[], options: CorrelateOptions = {}): Correlation[] {
  const maxLag = options.maxLagPoints ?? 10;
  const minAbs = options.minAbsCorrelation ?? 0.7;
  const minPoints = options.minPoints ?? 10;
  const results: Correlation[] = [];
  for (let i = 0; i < series.length; i++) {
    for (let j = i + 1; j < series.length; j++) {
      const a = series[i]!;
      const b = series[j]!;
      const { xs, ys, times } = alignOnTimestamps(a, b);
      if (times.length < minPoints) continue;
      const best = laggedCorrelation(xs, ys, Math.min(maxLag, Math.floor(times.length / 3)), minPoints);
      if (Math.max(Math.abs(best.pearson), Math.abs(best.spearman)) < minAbs) continue;
      const step = typicalStep(times);
      results.push({
        a: { metric: a.metric, labels: a.labels },
        b: { metric: b.metric, labels: b.labels },
        pearson: best.pearson,
        spearman: best.spearman,
        lagSeconds: (best.lag * step) / 1000,
        leader: best.lag > 0 ? 'a' : best.lag < 0 ? 'b' : 'none',
      });
    }
  }
  return results.sort((x, y) => Math.abs(y.pearson) - Math.abs(x.pearson));
}
