import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AlertmanagerWebhookSchema } from '../src/alertmanager';
import { AutofixRequestSchema } from '../src/api/autofix';
import { TimeInputSchema } from '../src/api/time';
import { IncidentSchema } from '../src/incident';

const ALERTS = new URL('../../../../shared/alerts/', import.meta.url);
const read = (name: string) => JSON.parse(readFileSync(new URL(name, ALERTS), 'utf8'));

describe('AlertmanagerWebhookSchema', () => {
  it('accepts every valid shared payload, keeping unknown fields', () => {
    for (const file of [
      ...readdirSync(ALERTS).filter((f) => f.endsWith('.json')),
      'adversarial/prompt-injection.json',
    ]) {
      const body = { ...read(file), notification_reason: 'repeat' };
      const parsed = AlertmanagerWebhookSchema.parse(body);
      expect(parsed.notification_reason, file).toBe('repeat');
    }
  });

  it('refuses the bad JSON payloads at the failing field', () => {
    const paths = Object.fromEntries(
      readdirSync(new URL('bad/', ALERTS))
        .filter((f) => f.endsWith('.json'))
        .map((f) => [
          f,
          AlertmanagerWebhookSchema.safeParse(read(`bad/${f}`)).error?.issues[0]?.path.join('.'),
        ]),
    );
    expect(paths).toEqual({
      'alerts-not-array.json': 'alerts',
      'bad-timestamp.json': 'alerts.0.startsAt',
      'labels-not-strings.json': 'alerts.0.labels.alertname',
      'missing-alerts.json': 'alerts',
      'wrong-version.json': 'version',
    });
  });
});

describe('TimeInputSchema', () => {
  it('takes RFC 3339 text or Unix seconds, and refuses milliseconds and words', () => {
    expect(TimeInputSchema.parse('2026-11-28T10:00:00Z')).toBe(Date.parse('2026-11-28T10:00:00Z'));
    expect(TimeInputSchema.parse(1_764_000_000)).toBe(1_764_000_000_000);
    const messageFor = (input: unknown) => TimeInputSchema.safeParse(input).error?.issues[0]?.message;
    expect(messageFor(1_764_000_000_000)).toBe('Unix seconds expected, not milliseconds');
    expect(messageFor(-5)).toBe('Unix seconds must be positive');
    expect(messageFor('yesterday')).toMatch(/^expected an RFC 3339 time such as .*, or Unix seconds$/);
    expect(messageFor(true)).toMatch(/^expected an RFC 3339 time/);
    expect(messageFor(undefined)).toBe('required');
  });
});

describe('IncidentSchema', () => {
  it('requires every slot, so a half-written incident is caught on read', () => {
    expect(IncidentSchema.safeParse({ id: 'x' }).success).toBe(false);
  });
});

describe('Kubernetes names in the autofix requests', () => {
  it('take a dotted Deployment name (a DNS subdomain) but only a DNS label as namespace', () => {
    const request = (body: object) => AutofixRequestSchema.safeParse(body);
    expect(request({ deployment: 'api.v2', namespace: 'shop' }).success).toBe(true);
    const dotted = request({ deployment: 'api', namespace: 'shop.eu' });
    expect(dotted.error?.issues.map((i) => i.path.join('.'))).toEqual(['namespace']);
    expect(request({ deployment: 'api', namespace: 'n'.repeat(64) }).error?.issues[0]?.message).toBe(
      'must be at most 63 characters',
    );
    expect(request({ deployment: 'd'.repeat(253), namespace: 'n'.repeat(63) }).success).toBe(true);
  });

  it('say once what is wrong with an empty name', () => {
    const issues = AutofixRequestSchema.safeParse({ deployment: '' }).error?.issues ?? [];
    expect(issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'deployment: must be a Kubernetes name: lower-case letters, digits, "-" and "."',
    ]);
  });
});
