/**
 * A deviation in units of a spread that may be zero: on a flat past, any move is infinitely surprising
 * (score 1) and no move is not surprising at all (score 0).
 */
export function deviationInSpreads(value: number, center: number, spread: number): number {
  const delta = value - center;
  const tolerance = 1e-9 * Math.max(1, Math.abs(center));
  if (spread > tolerance) return delta / spread;
  if (Math.abs(delta) <= tolerance) return 0;
  return delta > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

/** The finite values of a window, for fitting statistics that NaN gaps must not poison. */
export function finiteValues(values: readonly number[]): Float64Array {
  let count = 0;
  for (const v of values) if (Number.isFinite(v)) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (const v of values) if (Number.isFinite(v)) out[k++] = v;
  return out;
}
