import { describe, expect, it } from 'vitest';
import { manualNotificationFromRequest } from '../src/manual-notification';
import { buildIncidentMessage, buildManualMessage, incidentUrl } from '../src/message';
import { NotificationMessageSchema } from '../src/notification-message';
import {
  escalatedIncident,
  failedIncident,
  fixedIncident,
  incident,
  probeFinding,
  probePatch,
} from './fixtures';

const base = 'https://aiops.example.com/';

describe('buildIncidentMessage', () => {
  it('carries the summary, the top three causes in rank order, the fix with its diff and the verification', () => {
    const m = buildIncidentMessage(fixedIncident(), 'fixed', 'info', { publicBaseUrl: base });
    expect(NotificationMessageSchema.parse(m)).toEqual(m);
    expect(m.title).toBe('Fixed: KubePodNotReady on deployment shop/api');
    expect(m.summary).toMatch(/no longer serves/);
    expect(m.causes.map((c) => [c.rank, c.resource])).toEqual([
      [1, 'deployment shop/api'],
      [2, 'service shop/api'],
      [3, 'node node-2'],
    ]);
    expect(m.fix?.applied).toBe(true);
    expect(m.fix?.diff).toBe(
      [
        '--- deployment shop/api (patch, verified)',
        '@@ spec.template.spec.containers[api].readinessProbe.httpGet.path',
        '- "/healthz"',
        '+ "/health"',
      ].join('\n'),
    );
    expect(m.verification).toEqual({
      outcome: 'verified',
      detail: 'deployment shop/api: rollout complete; 3/3 pods ready for 60 s',
    });
    expect(m.humanHelp).toEqual([]);
    expect(m.links.incident).toBe('https://aiops.example.com/api/v1/incidents/inc-a1b2c3d4e5f6-m3k9');
  });

  it('says what a person must do for each finding the system may not fix', () => {
    const m = buildIncidentMessage(escalatedIncident(), 'escalated', 'critical');
    expect(m.humanHelp).toHaveLength(1);
    const help = m.humanHelp[0]!;
    expect(help.subject).toBe('crash-loop on deployment shop/api (container api)');
    expect(help.problem).toMatch(/DATABASE_URL/);
    expect(help.blocked).toBe('the system may not change it: crash-loop fixes are not allowed by policy');
    expect(help.action).toMatch(/kubectl logs --previous -n shop deployment\/api/);
    expect(m.fix).toMatchObject({
      applied: false,
      summary: 'No safe fix: the application rejects its configuration',
    });
    expect(m.links.incident).toBeNull();
  });

  it('names the finding and its failed fix when a fix was rolled back', () => {
    const m = buildIncidentMessage(
      incident({
        outcome: 'failed',
        status: 'failed',
        actions: [{ ...probePatch, outcome: 'rolled-back', detail: 'pods never became ready' }],
      }),
      'failed',
      'critical',
    );
    expect(m.verification).toEqual({
      outcome: 'rolled-back',
      detail: 'deployment shop/api: pods never became ready',
    });
    expect(m.humanHelp.map((h) => [h.subject, h.blocked])).toEqual([
      [
        'probe-path-not-found on deployment shop/api (container api)',
        'the fix was rolled back: pods never became ready',
      ],
    ]);
  });

  it('tells people where to start when a stage failed without findings', () => {
    const m = buildIncidentMessage(failedIncident(), 'failed', 'critical');
    expect(m.summary).toMatch(
      /The analyze stage failed after 3 attempt\(s\): Prometheus at http:\/\/prom:9090/,
    );
    expect(m.humanHelp).toHaveLength(1);
    expect(m.humanHelp[0]?.problem).toMatch(/analyze stage failed/);
    expect(m.humanHelp[0]?.action).toMatch(/timeline/);
    expect(m.causes).toEqual([]);
  });

  it('names unfixable findings even when the rest was fixed', () => {
    const m = buildIncidentMessage(
      incident({
        findings: [
          probeFinding,
          { ...probeFinding, category: 'oom-killed', fixable: false, message: 'OOMKilled at 512Mi' },
        ],
      }),
      'fixed',
      'info',
    );
    expect(m.humanHelp.map((h) => h.subject)).toEqual(['oom-killed on deployment shop/api (container api)']);
  });

  it('keys by incident and event, and by run when given', () => {
    expect(buildIncidentMessage(fixedIncident(), 'fixed', 'info').key).toBe('inc-a1b2c3d4e5f6-m3k9:fixed');
    expect(buildIncidentMessage(fixedIncident(), 'fixed', 'info', { runId: 'r2' }).key).toBe(
      'inc-a1b2c3d4e5f6-m3k9:r2:fixed',
    );
  });

  it('builds incident links under any base path', () => {
    expect(incidentUrl('https://x.example/aiops', 'inc-1')).toBe(
      'https://x.example/aiops/api/v1/incidents/inc-1',
    );
    expect(incidentUrl(undefined, 'inc-1')).toBeNull();
  });
});

describe('buildManualMessage', () => {
  it('turns a human-help request into an escalation that says what to do', () => {
    const job = manualNotificationFromRequest(
      { type: 'human_help', message: 'Rotate the database password by hand', urgency: 'high' },
      'req-1',
    );
    expect(job).toMatchObject({ event: 'escalated', title: 'Human help needed' });
    const m = buildManualMessage(job, 'critical');
    expect(m.key).toBe('manual:req-1');
    expect(m.humanHelp[0]?.action).toBe('Rotate the database password by hand');
    expect(m.incident).toBeNull();
  });

  it('keeps a plain message as the summary', () => {
    const job = manualNotificationFromRequest(
      { type: 'info', message: 'Maintenance at 22:00', urgency: 'low', title: 'Maintenance' },
      'req-2',
    );
    const m = buildManualMessage(job, 'info');
    expect(m).toMatchObject({
      event: 'manual',
      title: 'Maintenance',
      summary: 'Maintenance at 22:00',
      humanHelp: [],
    });
  });
});
