import { HistoryTooShortError, InvalidTimestampError, NonFiniteValueError } from './errors';
import type { Series } from './series';

/** Samples placed on an even grid, with what had to be repaired. */
export interface EvenSeries {
  series: Series;
  /**
   * Sampling step in ms: the most common spacing of the timestamps, or for sparse samples the smallest
   * multiple of it at which at most a fifth of the steps are empty.
   */
  stepMs: number;
  /** Missing steps filled by linear interpolation. */
  filled: number;
  /** Samples that fell on a step another sample had already taken (averaged together). */
  merged: number;
}

/** Largest share of the grid that may be missing and interpolated. */
const MAX_FILLED_SHARE = 0.2;
/** Coarsest step tried for sparse files, as a multiple of their most common spacing. */
const MAX_COARSENING = 60;
/** Most points a grid may have once its gaps are filled. */
const MAX_POINTS = 5_000_000;

/** The most common positive gap between consecutive timestamps. */
function commonStep(timestamps: number[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < timestamps.length; i++) {
    const gap = timestamps[i]! - timestamps[i - 1]!;
    if (gap > 0) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let step = 0;
  let most = 0;
  for (const [gap, count] of counts) {
    if (count > most || (count === most && gap < step)) {
      step = gap;
      most = count;
    }
  }
  return step;
}

/**
 * Samples in any order (Unix ms; NaN values count as missing) on an evenly spaced grid: the step is the
 * most common spacing, coarsened while more than a fifth of the steps would be empty; samples sharing a
 * step are averaged, and empty steps are interpolated linearly. For CSV files and for range queries
 * with missing samples.
 */
export function evenlySpaced(samples: readonly { timestamp: number; value: number }[]): EvenSeries {
  if (samples.length < 3) throw new HistoryTooShortError(`${samples.length} samples; at least 3 are needed`);
  for (const { timestamp, value } of samples) {
    if (!Number.isFinite(timestamp))
      throw new InvalidTimestampError(`timestamp ${timestamp} is not a finite number`);
    if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY) {
      throw new NonFiniteValueError(`the value at ${new Date(timestamp).toISOString()} is ${value}`);
    }
  }
  const rows = [...samples].sort((a, b) => a.timestamp - b.timestamp);
  const gapMs = commonStep(rows.map((row) => row.timestamp));
  if (!(gapMs > 0)) throw new InvalidTimestampError('all samples have the same timestamp');
  if (rows.every((row) => Number.isNaN(row.value)))
    throw new NonFiniteValueError('there are no values, only empty ones');
  const start = rows[0]!.timestamp;
  const span = rows[rows.length - 1]!.timestamp - start;
  if (span / gapMs + 1 > MAX_POINTS) {
    throw new InvalidTimestampError(
      `the timestamps span ${Math.round(span / gapMs) + 1} steps of ${gapMs} ms; at most ${MAX_POINTS} are read`,
    );
  }
  for (let multiple = 1; multiple <= MAX_COARSENING; multiple++) {
    const stepMs = gapMs * multiple;
    const length = Math.round(span / stepMs) + 1;
    if (length < 3) break;
    const { values, merged } = onGrid(rows, start, stepMs, length);
    const missing = values.filter(Number.isNaN).length;
    if (missing > MAX_FILLED_SHARE * length) continue;
    const filled = interpolateGaps(values);
    return {
      series: { timestamps: Array.from({ length }, (_, i) => start + i * stepMs), values },
      stepMs,
      filled,
      merged,
    };
  }
  throw new InvalidTimestampError(
    `too many steps have no value: more than ${MAX_FILLED_SHARE * 100}% at the most common spacing (${gapMs} ms) and at every multiple of it up to ${MAX_COARSENING}×`,
  );
}

/** Rows averaged into the steps of a grid; NaN where a step has no value. */
function onGrid(rows: { timestamp: number; value: number }[], start: number, stepMs: number, length: number) {
  const sums = new Float64Array(length);
  const counts = new Uint32Array(length);
  const occupied = new Uint8Array(length);
  let merged = 0;
  for (const { timestamp, value } of rows) {
    const index = Math.round((timestamp - start) / stepMs);
    if (occupied[index]) merged++;
    occupied[index] = 1;
    if (Number.isNaN(value)) continue;
    sums[index]! += value;
    counts[index]! += 1;
  }
  return { values: Array.from(sums, (sum, i) => (counts[i]! > 0 ? sum / counts[i]! : Number.NaN)), merged };
}

/** Replaces NaN runs by straight lines between their neighbours (the nearest value at either end). */
function interpolateGaps(values: number[]): number {
  let filled = 0;
  let previous = -1;
  for (let i = 0; i <= values.length; i++) {
    if (i < values.length && Number.isNaN(values[i]!)) continue;
    const before = previous >= 0 ? values[previous]! : values[i]!;
    const after = i < values.length ? values[i]! : before;
    for (let gap = previous + 1; gap < i; gap++) {
      values[gap] = before + ((after - before) * (gap - previous)) / (i - previous);
      filled++;
    }
    previous = i;
  }
  return filled;
}
