export interface RankedCase {
  /** Service names, most likely root cause first. */
  ranked: readonly string[];
  truth: string;
}

export interface AccuracyScores {
  /** AC@1 .. AC@5. */
  acAt: [number, number, number, number, number];
  ac1: number;
  ac3: number;
  /** Mean of AC@1..AC@5. */
  avg5: number;
  cases: number;
}

/** AC@k: the share of cases whose true root cause is among the first k ranked. */
export function accuracyAt(cases: readonly RankedCase[], k: number): number {
  if (cases.length === 0) return 0;
  const hits = cases.filter((c) => c.ranked.slice(0, k).includes(c.truth)).length;
  return hits / cases.length;
}

export function scoreRankings(cases: readonly RankedCase[]): AccuracyScores {
  const acAt = [1, 2, 3, 4, 5].map((k) => accuracyAt(cases, k)) as AccuracyScores['acAt'];
  return {
    acAt,
    ac1: acAt[0],
    ac3: acAt[2],
    avg5: acAt.reduce((a, b) => a + b, 0) / 5,
    cases: cases.length,
  };
}
