import { describe, expect, it } from 'vitest';
import { eventForIncident } from '../src/incident-event';
import { decideLevel, LEVEL_RULES, manualLevel } from '../src/levels';
import {
  capacityIncident,
  escalatedIncident,
  failedIncident,
  fixedIncident,
  healthyIncident,
  incident,
  probePatch,
  resolvedIncident,
} from './fixtures';

describe('eventForIncident', () => {
  it('takes the recorded outcome', () => {
    expect(eventForIncident(fixedIncident())).toBe('fixed');
    expect(eventForIncident(escalatedIncident())).toBe('escalated');
    expect(eventForIncident(failedIncident())).toBe('failed');
    expect(eventForIncident(healthyIncident('info'))).toBe('healthy');
  });

  it('announces the resolution when the job is about it, and capacity incidents as capacity', () => {
    expect(eventForIncident(resolvedIncident(), 'resolved')).toBe('resolved');
    expect(eventForIncident(capacityIncident())).toBe('capacity');
  });

  it("without an outcome, takes the fix stage's summary: a proposal nobody applied needs a person", () => {
    const summary = { actionsTaken: [], error: '', rounds: 1 };
    const open = { outcome: null, status: 'planned' as const };
    expect(eventForIncident(incident({ ...open, fix: { ...summary, status: 'proposed' } }))).toBe(
      'escalated',
    );
    expect(eventForIncident(incident({ ...open, fix: { ...summary, status: 'skipped' } }))).toBe('escalated');
    expect(eventForIncident(incident({ ...open, fix: { ...summary, status: 'failed' } }))).toBe('failed');
    expect(eventForIncident(incident({ ...open, fix: { ...summary, status: 'fixed' } }))).toBe('fixed');
  });

  it('without an outcome or fix summary, reads stages, actions and findings', () => {
    const open = { outcome: null, status: 'planned' as const, fix: null };
    expect(
      eventForIncident(
        incident({ ...open, stages: { fix: { state: 'failed', attempts: 3, error: 'boom' } } }),
      ),
    ).toBe('failed');
    expect(
      eventForIncident(incident({ ...open, actions: [{ ...probePatch, outcome: 'rolled-back' }] })),
    ).toBe('failed');
    expect(eventForIncident(incident({ ...open, actions: [{ ...probePatch, outcome: 'refused' }] }))).toBe(
      'escalated',
    );
    expect(eventForIncident(incident({ ...open, actions: [probePatch] }))).toBe('fixed');
    expect(eventForIncident(incident({ ...open, actions: [], findings: [], anomalies: [] }))).toBe('healthy');
    // Findings nobody acted on: a person must look.
    expect(eventForIncident(incident({ ...open, actions: [] }))).toBe('escalated');
    // Metrics were unavailable, so "nothing found" proves nothing.
    expect(
      eventForIncident(
        incident({
          ...open,
          actions: [],
          findings: [],
          detection: { source: 'http://prom:9090', available: false, seriesScored: 0 },
        }),
      ),
    ).toBe('escalated');
  });
});

describe('decideLevel', () => {
  it('is louder for problems nobody fixed, and for more severe incidents', () => {
    expect(decideLevel(fixedIncident(), 'fixed')).toMatchObject({ level: 'info', send: true });
    expect(decideLevel(escalatedIncident(), 'escalated')).toMatchObject({ level: 'critical', send: true });
    expect(decideLevel(failedIncident(), 'failed')).toMatchObject({ level: 'critical', send: true });
    expect(decideLevel(resolvedIncident(), 'resolved')).toMatchObject({ level: 'resolved', send: true });
  });

  it('always sends escalations and failures, whatever the severity', () => {
    for (const severity of ['info', 'warning', 'critical'] as const) {
      expect(LEVEL_RULES.escalated[severity].send).toBe('always');
      expect(LEVEL_RULES.failed[severity].send).toBe('always');
    }
  });

  it('skips healthy info incidents, and their resolution unless people were told before', () => {
    const quiet = healthyIncident('info');
    expect(decideLevel(quiet, 'healthy')).toMatchObject({ send: false });
    expect(decideLevel(quiet, 'healthy').reason).toMatch(/not announced/);
    expect(decideLevel(quiet, 'resolved')).toMatchObject({ send: false });
    const told = { ...quiet, notifications: resolvedIncident().notifications };
    expect(decideLevel(told, 'resolved')).toMatchObject({ send: true, level: 'resolved' });
    expect(decideLevel(healthyIncident('critical'), 'healthy')).toMatchObject({
      send: true,
      level: 'warning',
    });
  });

  it('never announces a healthy answer to an API request: the caller has it', () => {
    const asked = { ...healthyIncident('critical'), source: 'api' as const };
    expect(decideLevel(asked, 'healthy')).toMatchObject({ send: false });
    expect(decideLevel(asked, 'escalated')).toMatchObject({ send: true });
  });
});

describe('manualLevel', () => {
  it('follows the type, then the urgency', () => {
    expect(manualLevel('manual', 'low', 'critical')).toBe('critical');
    expect(manualLevel('escalated', 'high', 'human_help')).toBe('critical');
    expect(manualLevel('escalated', 'low', 'human_help')).toBe('warning');
    expect(manualLevel('resolved', 'critical')).toBe('resolved');
    expect(manualLevel('manual', 'critical')).toBe('critical');
    expect(manualLevel('manual', 'high')).toBe('warning');
    expect(manualLevel('manual', 'medium')).toBe('info');
  });
});
