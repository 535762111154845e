/** Mean absolute error. */
export function meanAbsoluteError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i]! - predicted[i]!);
  return sum / actual.length;
}

/** Symmetric mean absolute percentage error, in percent (0–200); a point where both are zero counts 0. */
export function symmetricMape(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const denominator = Math.abs(actual[i]!) + Math.abs(predicted[i]!);
    if (denominator > 0) sum += (2 * Math.abs(actual[i]! - predicted[i]!)) / denominator;
  }
  return (100 * sum) / actual.length;
}

/**
 * The scale of MASE: the in-sample mean absolute error of the seasonal-naive forecast (y[t] − y[t − period])
 * on the training history (Hyndman & Koehler 2006). A MASE below 1 beats seasonal-naive.
 */
export function seasonalNaiveScale(history: ArrayLike<number>, period: number): number {
  const lag = Math.max(1, period);
  let sum = 0;
  for (let t = lag; t < history.length; t++) sum += Math.abs(history[t]! - history[t - lag]!);
  return history.length > lag ? sum / (history.length - lag) : Number.NaN;
}

/** Share of actual values inside [lower, upper]. */
export function intervalCoverage(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): number {
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) inside++;
  return inside / actual.length;
}

/** Share of points whose recommended capacity (instances × rate per instance) fell short of the actual rate. */
export function underProvisioningRate(
  actual: ArrayLike<number>,
  instances: ArrayLike<number>,
  qpsPerInstance: number,
): number {
  let short = 0;
  for (let i = 0; i < actual.length; i++) if (instances[i]! * qpsPerInstance < actual[i]!) short++;
  return short / actual.length;
}
