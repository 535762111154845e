/** Linear-interpolated quantile (the same rule as numpy's default) of an unsorted sample. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sortedQuantile(sorted, q);
}

export function sortedQuantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low]!;
  return lowValue + (sorted[high]! - lowValue) * (position - low);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export interface RobustScale {
  median: number;
  iqr: number;
}

/** Median and interquartile range of a sample: the centre and scale of BARO's robust scores. */
export function robustScale(values: readonly number[]): RobustScale {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: sortedQuantile(sorted, 0.5),
    iqr: sortedQuantile(sorted, 0.75) - sortedQuantile(sorted, 0.25),
  };
}
