import { describe, expect, it } from 'vitest';
import { type AlarmStreamOptions, createAlarmStream } from '../src/alarm-stream';
import { gaussianNoise, timeline } from './fixtures';

const DAY = 288;
const LENGTH = 14 * DAY;
const timestamps = timeline(LENGTH, 300_000);
/** A daily square wave (high from 08:00 to 17:00) with noise; on day 10 it stops and stays half-way. */
const FLAT_START = 10 * DAY + 60;
const FLAT_END = 11 * DAY;
const noise = gaussianNoise(21);
const values = Array.from({ length: LENGTH }, (_, i) => {
  const jitter = noise();
  if (i >= FLAT_START && i < FLAT_END) return 50;
  const minute = (i % DAY) * 5;
  return minute >= 8 * 60 && minute < 17 * 60 ? 80 + 3 * jitter : 20 + jitter;
});

function alarms(options?: AlarmStreamOptions): number[] {
  const stream = createAlarmStream(undefined, options);
  return values.flatMap((value, i) => (stream.update(value, timestamps[i]!) > 0 ? [i] : []));
}

describe('NAB alarm stream', () => {
  it('raises a sustained alarm soon after a daily rhythm stops, which no record alarm catches', () => {
    const withSustained = alarms();
    const recordsOnly = alarms({ likelihoodAlarm: 2 });
    expect(withSustained.some((i) => i >= FLAT_START && i < FLAT_START + 100)).toBe(true);
    expect(recordsOnly.some((i) => i >= FLAT_START && i < FLAT_END)).toBe(false);
  });

  it('stays quiet on the regular days after the first few', () => {
    expect(alarms().filter((i) => i >= 3 * DAY && i < FLAT_START)).toEqual([]);
  });
});
