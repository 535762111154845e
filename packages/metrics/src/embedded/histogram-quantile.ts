export interface Bucket {
  upperBound: number;
  count: number;
}

/**
 * Prometheus' histogram_quantile() over cumulative buckets: linear interpolation inside the bucket that holds the
 * rank, the lower bound of the first bucket taken as 0, NaN without a +Inf bucket or without observations.
 */
export function histogramQuantile(q: number, input: Bucket[]): number {
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted.at(-1)?.upperBound !== Number.POSITIVE_INFINITY) return Number.NaN;

  // Buckets with the same bound (from differently labelled series) add up.
  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const last = buckets.at(-1);
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else buckets.push({ ...b });
  }
  // Rates of cumulative counters can come out slightly non-monotonic; Prometheus evens them out the same way.
  let max = Number.NEGATIVE_INFINITY;
  for (const b of buckets) {
    if (b.count > max) max = b.count;
    else b.count = max;
  }
  if (buckets.length < 2) return Number.NaN;
  const observations = (buckets.at(-1) as Bucket).count;
  if (observations === 0) return Number.NaN;

  let rank = q * observations;
  let b = buckets.findIndex((bucket, i) => i < buckets.length - 1 && bucket.count >= rank);
  if (b === -1) b = buckets.length - 1;
  if (b === buckets.length - 1) return (buckets[buckets.length - 2] as Bucket).upperBound;
  const bucket = buckets[b] as Bucket;
  if (b === 0 && bucket.upperBound <= 0) return bucket.upperBound;

  let bucketStart = 0;
  let count = bucket.count;
  if (b > 0) {
    const previous = buckets[b - 1] as Bucket;
    bucketStart = previous.upperBound;
    count -= previous.count;
    rank -= previous.count;
  }
  return bucketStart + (bucket.upperBound - bucketStart) * (rank / count);
}
