/** Points a surprise filter watches before it may fire, and the default half-life of its memory of past extremes. */
const WARM_UP = 150;
const HALF_LIFE = 3000;
/**
 * Deviations are capped at 100 sigmas: beyond that every deviation is equally certain, and an uncapped one
 * (a flat past makes any move infinitely surprising) would set a record that nothing could beat.
 */
const MAX_DEVIATION = 100;

/**
 * Online "new record" post-processing for NAB-style alarms: a deviation (in sigmas) only raises an alarm
 * when it exceeds the largest deviation seen so far in this stream, which decays with a half-life so a
 * quieter anomaly can fire long after a loud one. The output is the relative excess over that record,
 * (deviation / record - 1) / 2 capped at 1: the same file-independent scale for every stream, and one alarm
 * per new extreme instead of a run of high scores, which NAB counts as false positives.
 */
export class SurpriseFilter {
  private record = 0;
  private seen = 0;
  private readonly decay: number;

  /** `halfLife` in points: how fast the record of past extremes fades. */
  constructor(halfLife = HALF_LIFE) {
    this.decay = 0.5 ** (1 / halfLife);
  }

  update(deviation: number): number {
    const value = Number.isNaN(deviation) ? 0 : Math.min(MAX_DEVIATION, Math.max(0, deviation));
    const surprise =
      this.seen >= WARM_UP && this.record > 0 && value > this.record
        ? Math.min(1, (value / this.record - 1) / 2)
        : 0;
    this.record = Math.max(value, this.record * this.decay);
    this.seen++;
    return surprise;
  }
}
