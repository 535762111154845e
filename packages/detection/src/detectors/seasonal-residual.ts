import { deviationStream, sigmaToScore } from '../calibration';
import type { Detector, DetectorStream } from '../detector';
import { deviationInSpreads } from '../deviation';
import { RingBuffer } from '../ring-buffer';
import { autocorrelation, calendarPeriods, findSeason, MIN_AUTOCORRELATION } from '../seasonality';
import { SlidingWindow } from '../sliding-window';
import { median, quantileSorted, robustScale } from '../stats';

/** Without a season, a point is compared with the median of its NEIGHBOURS neighbours on each side. */
const NEIGHBOURS = 5;
/** Streaming: cycles of history used for the seasonal expectation, residuals kept for the scale. */
const CYCLES = 5;
const RESIDUAL_HISTORY = 4000;
const WARM_UP = 20;

/** Without a season, the expected value of point i is the median of its neighbours (itself left out). */
function neighbourMedian(values: readonly number[], i: number): number {
  const others: number[] = [];
  for (let j = Math.max(0, i - NEIGHBOURS); j <= Math.min(values.length - 1, i + NEIGHBOURS); j++) {
    if (j !== i && Number.isFinite(values[j]!)) others.push(values[j]!);
  }
  return others.length === 0 ? Number.NaN : median(others);
}

/**
 * Seasonality-aware residuals: each point against what its season predicts (the same time of day or week
 * in other cycles), so a daily rhythm is not an anomaly but a missing or moved peak is. Series without a
 * season (or too short to show one) fall back to a point's neighbours, which finds local outliers.
 */
export const seasonalResidualDetector: Detector = {
  name: 'seasonal-residual',
  description: 'residual against the same phase of other daily/weekly cycles (or the neighbours)',
  family: 'point',
  scoreBatch(values, timestamps) {
    const { period, profile } = findSeason(values, timestamps);
    const residuals = values.map((v, i) =>
      Number.isFinite(v) ? v - (period > 0 ? profile[i % period]! : neighbourMedian(values, i)) : Number.NaN,
    );
    const sorted = Float64Array.from(residuals.filter(Number.isFinite)).sort();
    const center = quantileSorted(sorted, 0.5);
    const spread = robustScale(sorted, center);
    return Float64Array.from(residuals, (r) =>
      Number.isFinite(r) ? sigmaToScore(deviationInSpreads(r, center, spread)) : 0,
    );
  },
  createStream(): DetectorStream {
    const residuals = new SlidingWindow(RESIDUAL_HISTORY);
    const recent = new SlidingWindow(NEIGHBOURS);
    let history: RingBuffer | null = null;
    let candidates: number[] = [];
    let period = 0;
    let firstTimestamp = Number.NaN;
    let seen = 0;
    /** Once a day of points, the calendar period with the strongest autocorrelation over its own cycles wins. */
    const choosePeriod = (h: RingBuffer) => {
      let best = 0;
      let bestCorrelation = MIN_AUTOCORRELATION;
      for (const candidate of candidates) {
        if (h.size < 2 * candidate) continue;
        const correlation = autocorrelation(h.last(CYCLES * candidate), candidate);
        if (correlation > bestCorrelation) {
          best = candidate;
          bestCorrelation = correlation;
        }
      }
      period = best;
    };
    return deviationStream((value, timestampMs) => {
      seen++;
      if (seen === 1) firstTimestamp = timestampMs;
      if (seen === 2) {
        // The calendar periods to watch for (day, week); each is confirmed once two cycles show it.
        candidates = calendarPeriods(timestampMs - firstTimestamp, Number.POSITIVE_INFINITY);
        if (candidates.length > 0) history = new RingBuffer(CYCLES * Math.max(...candidates));
      }
      let expected = Number.NaN;
      if (history) {
        if (seen % candidates[0]! === 0) choosePeriod(history);
        if (period > 0) {
          const same: number[] = [];
          for (let k = 1; k <= CYCLES && k * period <= history.size; k++)
            same.push(history.fromEnd(k * period - 1));
          expected = median(same);
        }
      }
      if (Number.isNaN(expected) && recent.size > 0) expected = recent.median();
      history?.push(value);
      recent.push(value);
      if (Number.isNaN(expected)) return 0;
      const residual = value - expected;
      let deviation = 0;
      if (residuals.size >= WARM_UP) {
        const center = residuals.median();
        deviation = deviationInSpreads(residual, center, residuals.scale(center));
      }
      residuals.push(residual);
      return deviation;
    });
  },
};
