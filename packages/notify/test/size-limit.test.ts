import { describe, expect, it } from 'vitest';
import { renderCard } from '../src/feishu/card';
import { CUT_MARK, fitMessage } from '../src/feishu/size-limit';
import { buildIncidentMessage } from '../src/message';
import type { NotificationMessage } from '../src/notification-message';
import { escalatedIncident, fixedIncident, incident, probeFinding } from './fixtures';

const measure = (m: NotificationMessage) =>
  Buffer.byteLength(JSON.stringify({ msg_type: 'interactive', card: renderCard(m) }));

describe('fitMessage', () => {
  it('leaves a message that fits untouched', () => {
    const m = buildIncidentMessage(fixedIncident(), 'fixed', 'info');
    expect(fitMessage(m, measure, 20_000)).toBe(m);
  });

  it('cuts the longest part first and keeps the others whole', () => {
    const inc = fixedIncident();
    const m = buildIncidentMessage(
      incident({ rca: { ...inc.rca!, report: 'r'.repeat(50_000) } }),
      'fixed',
      'info',
    );
    const fit = fitMessage(m, measure, 20_000);
    expect(measure(fit)).toBeLessThanOrEqual(20_000);
    expect(fit.truncated).toBe(true);
    expect(fit.report.endsWith(CUT_MARK)).toBe(true);
    expect(fit.report.length).toBeGreaterThan(15_000);
    expect(fit.summary).toBe(m.summary);
    expect(fit.fix).toEqual(m.fix);
    expect(m.truncated).toBe(false);
  });

  it('cuts wide characters by their bytes, shedding only the excess', () => {
    const inc = fixedIncident();
    const m = buildIncidentMessage(
      incident({ rca: { ...inc.rca!, report: '探针路径返回 404。'.repeat(10_000) } }),
      'fixed',
      'info',
    );
    const fit = fitMessage(m, measure, 20_000);
    expect(measure(fit)).toBeLessThanOrEqual(20_000);
    expect(measure(fit)).toBeGreaterThan(19_900);
  });

  it('never splits a character made of two UTF-16 units', () => {
    const m = buildIncidentMessage(fixedIncident(), 'fixed', 'info');
    const fit = fitMessage({ ...m, summary: '🔥'.repeat(20_000) }, measure, 20_000);
    expect(measure(fit)).toBeLessThanOrEqual(20_000);
    const kept = fit.summary.slice(0, -CUT_MARK.length);
    expect(kept.length % 2).toBe(0);
    expect(kept).toBe('🔥'.repeat(kept.length / 2));
  });

  it('fits hundreds of findings with long texts by cutting texts and dropping items', () => {
    const findings = Array.from({ length: 400 }, (_, i) => ({
      ...probeFinding,
      category: 'crash-loop' as const,
      fixable: false,
      resource: { kind: 'Deployment', namespace: 'shop', name: `svc-${i}` },
      message: `container exits: ${'stack frame '.repeat(200)}`,
    }));
    const m = buildIncidentMessage({ ...escalatedIncident(), findings }, 'escalated', 'critical');
    expect(m.humanHelp).toHaveLength(400);
    const fit = fitMessage(m, measure, 20_000);
    expect(measure(fit)).toBeLessThanOrEqual(20_000);
    expect(fit.humanHelp.length).toBeGreaterThan(0);
    expect(fit.humanHelp[0]?.subject).toBe('crash-loop on deployment shop/svc-0 (container api)');
  });

  it('gives up with a permanent error when even the bare message cannot fit', () => {
    const m = buildIncidentMessage(fixedIncident(), 'fixed', 'info');
    expect(() => fitMessage(m, measure, 200)).toThrow(/does not fit in 200 bytes/);
  });
});
