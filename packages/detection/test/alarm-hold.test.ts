import { describe, expect, it } from 'vitest';
import { AlarmHold } from '../src/alarm-hold';

function run(records: number[], sustained: number[] = []): number[] {
  const hold = new AlarmHold();
  return records.map((record, i) => hold.update(record, sustained[i] ?? 0));
}

describe('AlarmHold', () => {
  it('passes a record alarm, then holds for 10 points', () => {
    const out = run(Array(30).fill(0.5));
    expect(out.filter((score) => score > 0)).toHaveLength(3);
    expect(out[0]).toBe(0.5);
    expect(out.slice(1, 11)).toEqual(Array(10).fill(0));
    expect(out[11]).toBe(0.5);
  });

  it('scores 0 below the alarm level, so no threshold under it adds detections', () => {
    expect(run([0.005, 0.009, 0])).toEqual([0, 0, 0]);
  });

  it('passes a sustained alarm only after 100 points without any alarm', () => {
    const records = Array(400).fill(0);
    records[50] = 0.2;
    const sustained = Array(400).fill(0.95);
    const out = run(records, sustained);
    // The first sustained alarm at 0, the record alarm at 50 (records are not held back), the next
    // sustained alarm only after 100 quiet points.
    expect(out.flatMap((score, i) => (score > 0 ? [i] : []))).toEqual([0, 50, 151, 252, 353]);
  });
});
