import type { ActionRecord, Incident, NotificationEvent } from '@aiops/contracts';

/** Which event a notify job announces: the pipeline's end, or the resolution of the incident's alerts. */
export type NotifyTrigger = 'pipeline' | 'resolved';

const FAILED_ACTIONS: ReadonlySet<ActionRecord['outcome']> = new Set([
  'failed',
  'dry-run-failed',
  'rolled-back',
]);
const REFUSED_ACTIONS: ReadonlySet<ActionRecord['outcome']> = new Set(['refused', 'escalated', 'skipped']);

/**
 * The event to announce for an incident at the end of its pipeline. The recorded outcome wins; without one
 * (a stage ended the pipeline early) the fix stage's summary, then the stages, actions and findings decide. Anything the system
 * did not clearly fix is escalated, so a person hears of it rather than nobody.
 */
export function eventForIncident(
  incident: Incident,
  trigger: NotifyTrigger = 'pipeline',
): Exclude<NotificationEvent, 'manual'> {
  if (trigger === 'resolved') return 'resolved';
  if (incident.source === 'capacity') return 'capacity';
  if (incident.outcome) return incident.outcome;
  if (incident.status === 'failed' || Object.values(incident.stages).some((s) => s?.state === 'failed'))
    return 'failed';
  if (incident.status === 'fixed' || incident.status === 'escalated' || incident.status === 'healthy')
    return incident.status;

  const fixStatus = incident.fix?.status;
  if (fixStatus === 'fixed' || fixStatus === 'healthy' || fixStatus === 'failed') return fixStatus;
  if (fixStatus) return 'escalated';

  const actions = incident.actions;
  if (actions.some((a) => FAILED_ACTIONS.has(a.outcome))) return 'failed';
  if (actions.some((a) => REFUSED_ACTIONS.has(a.outcome))) return 'escalated';
  if (actions.length > 0 && actions.every((a) => a.outcome === 'verified')) return 'fixed';
  const findings = incident.findings ?? [];
  const anomalies = incident.anomalies ?? [];
  if (
    actions.length === 0 &&
    findings.length === 0 &&
    anomalies.length === 0 &&
    incident.detection?.available
  )
    return 'healthy';
  return 'escalated';
}
