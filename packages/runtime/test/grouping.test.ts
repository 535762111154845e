import { readFileSync } from 'node:fs';
import { AlertmanagerWebhookSchema } from '@aiops/contracts';
import { describe, expect, it } from 'vitest';
import { groupAlertsByTarget, severityOf } from '../src/incidents/grouping';
import { targetFromLabels } from '../src/incidents/target';

const shared = (name: string) =>
  AlertmanagerWebhookSchema.parse(
    JSON.parse(readFileSync(new URL(`../../../../shared/alerts/${name}`, import.meta.url), 'utf8')),
  );

describe('targetFromLabels', () => {
  it('takes the deployment behind a pod name', () => {
    expect(
      targetFromLabels({ namespace: 'shop', pod: 'api-server-7d9c8b6f5-x2k4p', container: 'api' }),
    ).toEqual({
      kind: 'deployment',
      name: 'api-server',
      namespace: 'shop',
      pod: 'api-server-7d9c8b6f5-x2k4p',
      container: 'api',
    });
  });

  it('keeps a pod that no Deployment owns (a StatefulSet pod name)', () => {
    expect(targetFromLabels({ namespace: 'db', pod: 'postgres-0' })).toMatchObject({
      kind: 'pod',
      name: 'postgres-0',
    });
  });

  it('prefers explicit workload labels, then nodes, namespaces and the cluster', () => {
    expect(
      targetFromLabels({ namespace: 'a', deployment: 'web', pod: 'other-5c7f9d8b7-abcde' }),
    ).toMatchObject({
      kind: 'deployment',
      name: 'web',
    });
    expect(targetFromLabels({ node: 'worker-3' })).toMatchObject({ kind: 'node', name: 'worker-3' });
    expect(targetFromLabels({ namespace: 'a' })).toMatchObject({ kind: 'namespace', name: 'a' });
    expect(targetFromLabels({ alertname: 'Watchdog' })).toEqual({ kind: 'cluster' });
  });
});

describe('groupAlertsByTarget', () => {
  it('makes one group of three alerts about one deployment', () => {
    const groups = groupAlertsByTarget(shared('grouped-deployment.json'));
    expect(groups).toHaveLength(1);
    expect(groups[0]?.target).toMatchObject({
      kind: 'deployment',
      namespace: 'default',
      name: 'nginx-problematic',
    });
    expect(groups[0]?.alerts).toHaveLength(3);
  });

  it('splits a group whose alerts are about different targets, with stable keys', () => {
    const webhook = shared('grouped-deployment.json');
    webhook.alerts[2]!.labels.pod = 'payments-6b5d4c3b2-q1w2e';
    const groups = groupAlertsByTarget(webhook);
    expect(groups.map((g) => g.target.name).sort()).toEqual(['nginx-problematic', 'payments']);
    expect(groupAlertsByTarget(webhook).map((g) => g.key)).toEqual(groups.map((g) => g.key));
  });

  it('gives the same group different keys under different Alertmanager group keys', () => {
    const a = shared('crashloop-firing.json');
    const b = { ...a, groupKey: `${a.groupKey}-other` };
    expect(groupAlertsByTarget(a)[0]?.key).not.toBe(groupAlertsByTarget(b)[0]?.key);
  });
});

describe('severityOf', () => {
  it('takes the worst severity, reading unknown labels as warning', () => {
    const alert = shared('crashloop-firing.json').alerts[0]!;
    const withSeverity = (severity?: string) => ({
      ...alert,
      labels: severity ? { severity } : ({} as Record<string, string>),
    });
    expect(severityOf([withSeverity('info'), withSeverity('critical')])).toBe('critical');
    expect(severityOf([withSeverity(undefined)])).toBe('warning');
    expect(severityOf([withSeverity('info')])).toBe('info');
  });
});
