/**
 * Prometheus 2's rate() and increase() over the samples of one window [rangeStartMs, rangeEndMs]: counter resets
 * are added back, and the result is extrapolated towards the window's edges (never below a counter's zero point),
 * so the embedded source answers what Prometheus answers for the same samples. Undefined with fewer than 2 samples.
 */
export function extrapolatedRate(
  times: number[],
  values: number[],
  rangeStartMs: number,
  rangeEndMs: number,
  isRate: boolean,
): number | undefined {
  const n = times.length;
  if (n < 2) return undefined;
  const firstTime = times[0] as number;
  const lastTime = times[n - 1] as number;
  const firstValue = values[0] as number;

  let result = (values[n - 1] as number) - firstValue;
  let previous = 0;
  for (const value of values) {
    if (value < previous) result += previous;
    previous = value;
  }

  let durationToStart = (firstTime - rangeStartMs) / 1000;
  const durationToEnd = (rangeEndMs - lastTime) / 1000;
  const sampledInterval = (lastTime - firstTime) / 1000;
  const averageBetweenSamples = sampledInterval / (n - 1);

  if (result > 0 && firstValue >= 0) {
    const durationToZero = sampledInterval * (firstValue / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }

  const threshold = averageBetweenSamples * 1.1;
  let extrapolateTo = sampledInterval;
  extrapolateTo += durationToStart < threshold ? durationToStart : averageBetweenSamples / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetweenSamples / 2;

  let factor = extrapolateTo / sampledInterval;
  if (isRate) factor /= (rangeEndMs - rangeStartMs) / 1000;
  return result * factor;
}
