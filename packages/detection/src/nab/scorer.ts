import type { NabProfile, NabProfileName } from './profiles';
import { NAB_PROFILE_NAMES, NAB_PROFILES } from './profiles';

/** One file's detector output, aligned with the file's rows, and the file's labelled windows. */
export interface NabScoredFile {
  key: string;
  category: string;
  timestamps: ArrayLike<number>;
  scores: ArrayLike<number>;
  windows: ReadonlyArray<readonly [number, number]>;
}

/** NAB's probationary period: the first 15% of a file, at most 750 rows, is not scored. */
export function probationaryRows(rowCount: number): number {
  return Math.min(Math.floor(0.15 * rowCount), 0.15 * 5000);
}

/** NAB's scaled sigmoid: 1 well before a window's right edge, 0 at it, -1 from 3 window lengths after it. */
export function scaledSigmoid(position: number): number {
  if (position >= 3) return -1;
  return 2 / (1 + Math.exp(5 * position)) - 1;
}

/** A scorable row: its anomaly score, the window it belongs to (-1 outside windows) and its weight. */
interface SweepRow {
  score: number;
  window: number;
  weight: number;
}

/**
 * Per-row contributions exactly as NAB's sweeper computes them: inside a window a detection is worth
 * tp * sigma(-(right - i + 1) / width) / sigma(-1); outside it costs fp * sigma((i - prevRight) / (prevWidth - 1)),
 * or -fp before the first window. Windows get corpus-wide ids starting at `firstWindowId`.
 */
function sweepFile(file: NabScoredFile, profile: NabProfile, firstWindowId: number): SweepRow[] {
  const { timestamps, scores } = file;
  const n = timestamps.length;
  const probation = probationaryRows(n);
  const maxTp = scaledSigmoid(-1);
  const bounds = file.windows.map(([start, end]) => {
    let left = -1;
    let right = -1;
    for (let i = 0; i < n; i++) {
      const t = timestamps[i]!;
      if (t >= start && t <= end) {
        if (left < 0) left = i;
        right = i;
      }
    }
    return { left, right };
  });
  const rows: SweepRow[] = [];
  let next = 0;
  let current = -1;
  let previousRight = -1;
  let previousWidth = 0;
  for (let i = 0; i < n; i++) {
    while (current < 0 && next < bounds.length && bounds[next]!.left < 0) next++;
    if (current < 0 && next < bounds.length && bounds[next]!.left === i) current = next++;
    let weight: number;
    if (current >= 0) {
      const { left, right } = bounds[current]!;
      const width = right - left + 1;
      weight = (scaledSigmoid(-(right - i + 1) / width) * profile.tp) / maxTp;
    } else {
      const position = previousRight < 0 ? 3 : Math.abs(previousRight - i) / (previousWidth - 1);
      weight = scaledSigmoid(position) * profile.fp;
    }
    if (i >= probation) {
      rows.push({ score: scores[i]!, window: current >= 0 ? firstWindowId + current : -1, weight });
    }
    if (current >= 0 && bounds[current]!.right === i) {
      previousRight = i;
      previousWidth = bounds[current]!.right - bounds[current]!.left + 1;
      current = -1;
    }
  }
  return rows;
}

export interface NabThresholdResult {
  threshold: number;
  /** Raw score of the corpus at that threshold. */
  raw: number;
}

/**
 * NAB's threshold optimisation: walks every distinct anomaly score from the highest down (a row is a
 * detection when its score is at or above the threshold) and keeps the threshold with the best total.
 * Windows without a scorable row do not count, as in NAB.
 */
function optimiseThreshold(rows: SweepRow[], windowCount: number, profile: NabProfile): NabThresholdResult {
  const best = new Float64Array(windowCount).fill(Number.NaN);
  let total = 0;
  for (const row of rows) {
    if (row.window >= 0 && Number.isNaN(best[row.window]!)) {
      best[row.window] = -profile.fn;
      total -= profile.fn;
    }
  }
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  let result: NabThresholdResult = { threshold: 1.1, raw: total };
  let i = 0;
  while (i < sorted.length) {
    const threshold = sorted[i]!.score;
    while (i < sorted.length && sorted[i]!.score === threshold) {
      const row = sorted[i]!;
      if (row.window < 0) total += row.weight;
      else if (row.weight > best[row.window]!) {
        total += row.weight - best[row.window]!;
        best[row.window] = row.weight;
      }
      i++;
    }
    if (total > result.raw) result = { threshold, raw: total };
  }
  return result;
}

/** Raw score of one file's rows at a given threshold (detections: score >= threshold). */
function scoreRows(rows: SweepRow[], threshold: number, profile: NabProfile): number {
  const best = new Map<number, number>();
  let total = 0;
  for (const row of rows) {
    if (row.window >= 0 && !best.has(row.window)) best.set(row.window, -profile.fn);
    if (row.score < threshold) continue;
    if (row.window < 0) total += row.weight;
    else best.set(row.window, Math.max(best.get(row.window)!, row.weight));
  }
  for (const value of best.values()) total += value;
  return total;
}

export interface NabGroupScore {
  /** Raw score (sum of file scores). */
  raw: number;
  windows: number;
  /** 100 * (raw - null) / (perfect - null); null when the group has no window to normalise by. */
  normalised: number | null;
}

export interface NabProfileResult {
  threshold: number;
  total: NabGroupScore;
  categories: Record<string, NabGroupScore>;
  files: Record<string, number>;
}

export type NabReport = Record<NabProfileName, NabProfileResult>;

/** 100 * (raw - null) / (perfect - null) for `windows` windows; null without windows. */
export function normaliseNabScore(raw: number, windows: number, profile: NabProfile): number | null {
  if (windows === 0) return null;
  const nullScore = -profile.fn * windows;
  const perfect = profile.tp * windows;
  return (100 * (raw - nullScore)) / (perfect - nullScore);
}

export interface NabScoreOptions {
  /**
   * A fixed threshold per profile instead of the corpus' best one: to score files held out of the choice of
   * the threshold (a threshold chosen on other files, as a detector deployed with it would run).
   */
  thresholds?: Partial<Record<NabProfileName, number>>;
}

/**
 * Scores a corpus for all three profiles: one threshold per profile for the whole corpus (the best one,
 * unless `options.thresholds` fixes it), then per-file raw scores, per-category and total scores normalised
 * between the null detector (nothing detected) and the perfect one (every window detected at its left edge).
 */
export function scoreNabCorpus(files: NabScoredFile[], options: NabScoreOptions = {}): NabReport {
  const report = {} as NabReport;
  for (const profileName of NAB_PROFILE_NAMES) {
    const profile = NAB_PROFILES[profileName];
    const fixedThreshold = options.thresholds?.[profileName];
    const perFile: SweepRow[][] = [];
    let windowCount = 0;
    const windowsPerFile: number[] = [];
    for (const file of files) {
      const rows = sweepFile(file, profile, windowCount);
      perFile.push(rows);
      const scorable = new Set(rows.filter((row) => row.window >= 0).map((row) => row.window)).size;
      windowsPerFile.push(scorable);
      windowCount += file.windows.length;
    }
    const optimised =
      fixedThreshold === undefined ? optimiseThreshold(perFile.flat(), windowCount, profile) : null;
    const threshold = fixedThreshold ?? optimised!.threshold;
    let fileTotal = 0;
    const fileScores: Record<string, number> = {};
    const categoryTotals = new Map<string, { raw: number; windows: number }>();
    let totalWindows = 0;
    files.forEach((file, index) => {
      const fileRaw = scoreRows(perFile[index]!, threshold, profile);
      fileScores[file.key] = fileRaw;
      fileTotal += fileRaw;
      const entry = categoryTotals.get(file.category) ?? { raw: 0, windows: 0 };
      entry.raw += fileRaw;
      entry.windows += windowsPerFile[index]!;
      categoryTotals.set(file.category, entry);
      totalWindows += windowsPerFile[index]!;
    });
    const categories: Record<string, NabGroupScore> = {};
    for (const [category, entry] of [...categoryTotals].sort(([a], [b]) => a.localeCompare(b))) {
      categories[category] = { ...entry, normalised: normaliseNabScore(entry.raw, entry.windows, profile) };
    }
    const raw = optimised?.raw ?? fileTotal;
    report[profileName] = {
      threshold,
      total: { raw, windows: totalWindows, normalised: normaliseNabScore(raw, totalWindows, profile) },
      categories,
      files: fileScores,
    };
  }
  return report;
}
