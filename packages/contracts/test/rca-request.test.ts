import { describe, expect, it } from 'vitest';
import { RcaRequestSchema } from '../src/api/rca';

const now = () => Math.floor(Date.now() / 1000);
const issuesOf = (body: unknown) =>
  (RcaRequestSchema.safeParse(body).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('RcaRequestSchema', () => {
  it('takes a window that has begun, in Unix seconds or RFC 3339', () => {
    const parsed = RcaRequestSchema.parse({ start_time: now() - 1800, end_time: now(), metrics: ['cpu'] });
    expect(parsed.end_time - parsed.start_time).toBeCloseTo(1_800_000, -4);
    expect(issuesOf({ start_time: '2026-01-01T00:00:00Z', end_time: now(), metrics: ['cpu'] })).toEqual([]);
  });

  it('refuses a window entirely in the future, naming start_time', () => {
    expect(issuesOf({ start_time: now() + 3600, end_time: now() + 7200, metrics: ['cpu'] })).toEqual([
      'start_time: is in the future: no data exists yet',
    ]);
  });

  it('refuses an end before the start as a field error of end_time', () => {
    expect(issuesOf({ start_time: now() - 600, end_time: now() - 1200, metrics: ['cpu'] })).toEqual([
      'end_time: must be after start_time',
    ]);
  });

  it('reports the field errors of the times themselves before comparing them', () => {
    expect(issuesOf({ start_time: 'yesterday', end_time: now(), metrics: ['cpu'] })).toEqual([
      'start_time: expected an RFC 3339 time such as 2026-11-28T10:00:00Z, or Unix seconds',
    ]);
  });
});
