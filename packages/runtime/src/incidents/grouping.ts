import { createHash } from 'node:crypto';
import type { Alert, AlertmanagerWebhook, Severity, Target } from '@aiops/contracts';
import { targetFromLabels, targetKey } from './target';

export interface AlertGroup {
  /** Hash of the Alertmanager group key and the target: the identity of one incident. */
  key: string;
  target: Target;
  alerts: Alert[];
}

/** The alerts of one Alertmanager group about one target make one incident. */
export function groupAlertsByTarget(webhook: AlertmanagerWebhook): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const alert of webhook.alerts) {
    const target = targetFromLabels({ ...webhook.commonLabels, ...alert.labels });
    const key = incidentKey(webhook.groupKey, target);
    const group = groups.get(key);
    if (group) {
      group.alerts.push(alert);
      mergeTargetDetails(group.target, target);
    } else groups.set(key, { key, target, alerts: [alert] });
  }
  return [...groups.values()];
}

function mergeTargetDetails(into: Target, from: Target): void {
  into.pod ??= from.pod;
  into.container ??= from.container;
}

export function incidentKey(groupKey: string, target: Target): string {
  return createHash('sha256')
    .update(`${groupKey}\n${targetKey(target)}`)
    .digest('hex')
    .slice(0, 16);
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** The highest severity among the alerts; unknown labels count as warning. */
export function severityOf(alerts: Alert[]): Severity {
  let worst: Severity = 'info';
  for (const alert of alerts) {
    const severity = normaliseSeverity(alert.labels.severity);
    if (SEVERITY_RANK[severity] > SEVERITY_RANK[worst]) worst = severity;
  }
  return worst;
}

function normaliseSeverity(label: string | undefined): Severity {
  switch (label?.toLowerCase()) {
    case 'critical':
    case 'error':
    case 'page':
    case 'high':
      return 'critical';
    case 'info':
    case 'none':
    case 'low':
      return 'info';
    default:
      return 'warning';
  }
}

export function moreSevere(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}
