import type { Plan } from '@aiops/contracts';
import { describe, expect, it } from 'vitest';
import { planAllowsFix, timelineEntryFor } from '../src';

const plan = (steps: Plan['steps']): Plan => ({ source: 'llm', summary: '', steps });
const web = { kind: 'deployment' as const, namespace: 'shop', name: 'web' };

describe('planAllowsFix', () => {
  it('allows the fix without a plan, and with a schedule_fix step for exactly the target', () => {
    expect(planAllowsFix(null, web)).toBe(true);
    const scheduled = plan([
      {
        agent: 'kubernetes-fixer',
        action: 'schedule_fix',
        args: { namespace: 'shop', deployment: 'web' },
        reason: '',
      },
    ]);
    expect(planAllowsFix(scheduled, web)).toBe(true);
    expect(planAllowsFix(scheduled, { ...web, name: 'api' })).toBe(false);
    expect(planAllowsFix(scheduled, { ...web, namespace: 'kube-system' })).toBe(false);
  });

  it('refuses the fix when the plan only diagnosed, proposed or escalated, or the target is no Deployment', () => {
    const proposed = plan([
      {
        agent: 'kubernetes-fixer',
        action: 'propose_fix',
        args: { namespace: 'shop', deployment: 'web' },
        reason: '',
      },
      { agent: 'notifier', action: 'ask_for_human_help', args: { reason: 'crash loop' }, reason: '' },
    ]);
    expect(planAllowsFix(proposed, web)).toBe(false);
    expect(planAllowsFix(plan([]), { kind: 'namespace', namespace: 'shop' })).toBe(false);
  });
});

describe('timelineEntryFor', () => {
  it('turns a step into a plan-stage timeline entry that says who did what and how it went', () => {
    const entry = timelineEntryFor({
      seq: 3,
      at: '2026-03-01T08:00:00.000Z',
      agent: 'kubernetes-fixer',
      kind: 'tool',
      tool: 'schedule_fix',
      outcome: 'refused',
      message: 'schedule_fix refused: namespace kube-system is protected',
    });
    expect(entry).toEqual({
      at: '2026-03-01T08:00:00.000Z',
      stage: 'plan',
      event: 'step',
      message: 'kubernetes-fixer [refused]: schedule_fix refused: namespace kube-system is protected',
    });
  });
});
