import { MetricsQueryError } from './errors';

/** Prometheus refuses a range query whose series would have more points than this. */
export const MAX_POINTS_PER_SERIES = 11_000;

/**
 * The step (seconds) to use for a range: the requested one, raised to whole seconds when needed so that
 * (end - start) / step + 1 stays within MAX_POINTS_PER_SERIES.
 */
export function stepForRange(startMs: number, endMs: number, requestedSeconds: number): number {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs))
    throw new MetricsQueryError('start and end must be finite');
  if (endMs < startMs) throw new MetricsQueryError('end must not be before start');
  if (!(requestedSeconds > 0) || !Number.isFinite(requestedSeconds)) {
    throw new MetricsQueryError('step must be a positive number of seconds');
  }
  const rangeSeconds = (endMs - startMs) / 1000;
  const smallestAllowed = Math.ceil(rangeSeconds / (MAX_POINTS_PER_SERIES - 1));
  return Math.max(requestedSeconds, smallestAllowed);
}
