/** Score at which a record alarm counts as raised, and the points after any alarm during which no new one is given. */
const ALARM_LEVEL = 0.01;
const HOLD_POINTS = 10;
/** A sustained alarm needs this many points without any alarm before it: one per episode, not one per hold. */
const SUSTAINED_QUIET_POINTS = 100;

/**
 * Turns the two alarm signals of the NAB stream into sparse alarms. A record alarm (score >= ALARM_LEVEL)
 * passes as it is, and the next HOLD_POINTS points score 0: one anomaly often beats its own record several
 * times in a row, and NAB counts all but the first as false positives when they fall outside the labelled
 * window. A sustained alarm (a score > 0 from the anomaly likelihoods) passes only when no alarm of either
 * kind was given in the last SUSTAINED_QUIET_POINTS points, since the likelihoods stay in their tail for as
 * long as the change lasts. Everything else scores 0, so any threshold up to ALARM_LEVEL gives the
 * same detections.
 */
export class AlarmHold {
  private held = 0;
  private sinceAlarm = Number.POSITIVE_INFINITY;

  update(recordScore: number, sustainedScore = 0): number {
    this.sinceAlarm++;
    if (this.held > 0) {
      this.held--;
      return 0;
    }
    let score = 0;
    if (recordScore >= ALARM_LEVEL) score = recordScore;
    else if (sustainedScore > 0 && this.sinceAlarm > SUSTAINED_QUIET_POINTS) score = sustainedScore;
    if (score > 0) {
      this.held = HOLD_POINTS;
      this.sinceAlarm = 0;
    }
    return score;
  }
}
