/** Score at which an alarm counts as raised, and the points after it during which no new alarm is given. */
const ALARM_LEVEL = 0.01;
const HOLD_POINTS = 10;

/**
 * Suppresses repeated alarms: once a score reaches ALARM_LEVEL, the next HOLD_POINTS points score 0. One
 * anomaly often beats its own record several times in a row; NAB counts all but the first as false
 * positives when they fall outside the labelled window.
 */
export class AlarmHold {
  private held = 0;

  update(score: number): number {
    if (this.held > 0) {
      this.held--;
      return 0;
    }
    if (score >= ALARM_LEVEL) this.held = HOLD_POINTS;
    return score;
  }
}
