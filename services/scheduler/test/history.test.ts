import { describe, expect, it } from 'vitest';
import { replayedUntil } from '../src/history';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('a recorded history replayed as the demo does', () => {
  it('ends at the last point at or before now, each point keeping its time of day', () => {
    // Three days every hour, recorded long ago and ending at 23:00.
    const start = Date.UTC(2015, 0, 29);
    const timestamps = Array.from({ length: 72 }, (_, i) => start + i * HOUR);
    const values = timestamps.map((_, i) => i);
    const now = Date.UTC(2026, 10, 29, 14, 30);
    const replayed = replayedUntil({ timestamps, values }, now);
    const last = replayed.timestamps.at(-1)!;
    expect(new Date(last).toISOString()).toBe('2026-11-29T14:00:00.000Z');
    expect(replayed.timestamps.every((t, i) => (t - timestamps[i]!) % DAY === 0)).toBe(true);
    // The points after 14:00 of the recording's last day are cut: 72 - 9 (15:00 … 23:00).
    expect(replayed.values).toHaveLength(63);
    expect(replayed.values.at(-1)).toBe(62);
  });

  it('leaves a history that already reaches now as it is', () => {
    const now = Date.UTC(2026, 10, 29, 14, 30);
    const timestamps = [now - 2 * HOUR, now - HOUR, now];
    expect(replayedUntil({ timestamps, values: [1, 2, 3] }, now)).toEqual({ timestamps, values: [1, 2, 3] });
  });
});
