import { AlarmHold } from './alarm-hold';
import type { Detector, StreamScorer } from './detector';
import { detectors as registeredDetectors } from './detectors/registry';
import { AnomalyLikelihood, type AnomalyLikelihoodOptions } from './likelihood';
import { SurpriseFilter } from './surprise';

/**
 * Members of the alarm stream: the detectors whose streaming deviations carry their own meaning. The
 * isolation forest (recalibrated every 128 points) and the level-shift detector (which fires for a while
 * after every step) each lowered the NAB total when added: a global choice over the whole corpus, never
 * per file.
 */
const ALARM_MEMBERS = ['zscore', 'robust-zscore', 'iqr', 'dbscan', 'seasonal-residual', 'change-point'];

export interface AlarmStreamOptions {
  /** Half-life, in points, of each member's record of past extremes (default 3,000; see SurpriseFilter). */
  recordHalfLife?: number;
  /** Windows of each member's anomaly likelihood (defaults: see AnomalyLikelihood). */
  likelihood?: AnomalyLikelihoodOptions;
  /**
   * Log-scaled likelihood at which a member counts as in its far tail (default 0.9, a tail probability of
   * 1e-9); above 1, sustained alarms are off.
   */
  likelihoodAlarm?: number;
}

/**
 * Members that must be in their far tail at once for a sustained alarm (or all of them, when fewer): one
 * member alone is often a detector's own artefact (a CUSUM drifting, a season not yet learnt).
 */
const SUSTAINED_MEMBERS = 2;

/**
 * The alarm stream used for NAB. Each member streams, and two kinds of alarm come out of it:
 * - record alarms: each member's deviation goes through its own SurpriseFilter (it fires when the member
 *   beats its own decaying record), and the score is the mean surprise over the members (so agreement ranks
 *   above one member's record). They catch the first spike, dip or step beyond anything recent.
 * - sustained alarms: each member's calibrated score goes through its own AnomalyLikelihood, and an alarm
 *   is raised when at least two of them are in their far tail, scored by the lower of the two likelihoods.
 *   They catch changes no single point of which is a record: a series that stops moving, a plateau at a
 *   new in-between level, a stretch of unusual activity.
 * An AlarmHold keeps one alarm per episode. One set of parameters for every file (the defaults); online;
 * deterministic.
 */
export function createAlarmStream(
  members: readonly Detector[] = registeredDetectors.filter((detector) =>
    ALARM_MEMBERS.includes(detector.name),
  ),
  options: AlarmStreamOptions = {},
): StreamScorer {
  const streams = members.map((detector) => detector.createStream());
  const filters = members.map(() => new SurpriseFilter(options.recordHalfLife));
  const likelihoods = members.map(() => new AnomalyLikelihood(options.likelihood));
  const likelihoodAlarm = options.likelihoodAlarm ?? 0.9;
  const agreeing = Math.min(SUSTAINED_MEMBERS, members.length);
  const inTail = new Float64Array(members.length);
  const hold = new AlarmHold();
  return {
    update(value, timestampMs) {
      let surprise = 0;
      for (let d = 0; d < streams.length; d++) {
        const calibrated = streams[d]!.update(value, timestampMs);
        surprise += filters[d]!.update(streams[d]!.deviation);
        inTail[d] = likelihoods[d]!.update(calibrated);
      }
      inTail.sort();
      const agreed = agreeing > 0 ? inTail[inTail.length - agreeing]! : 0;
      return hold.update(surprise / Math.max(1, streams.length), agreed >= likelihoodAlarm ? agreed : 0);
    },
  };
}
