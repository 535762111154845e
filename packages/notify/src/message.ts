import type { ActionRecord, Incident, NotificationEvent, NotificationLevel } from '@aiops/contracts';
import { describeResource, describeTarget } from './describe';
import { renderDiff } from './diff';
import { humanHelpFor } from './human-help';
import type { ManualNotification } from './manual-notification';
import type { CauseLine, MessageFix, NotificationMessage, Verification } from './notification-message';

/** How many root-cause candidates a message names. */
export const TOP_CAUSES = 3;
const MAX_TITLE = 200;

const HEADLINES: Record<NotificationEvent, string> = {
  fixed: 'Fixed automatically',
  escalated: 'A person is needed: the system may not or cannot fix this',
  failed: 'The pipeline failed: a person must look',
  resolved: 'Resolved: every alert of the incident stopped firing',
  healthy: 'Checked: no fault found',
  capacity: 'Capacity forecast',
  manual: 'Message',
};

const TITLE_PREFIX: Record<NotificationEvent, string> = {
  fixed: 'Fixed',
  escalated: 'Needs a person',
  failed: 'Failed',
  resolved: 'Resolved',
  healthy: 'Healthy',
  capacity: 'Capacity',
  manual: 'Notice',
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The incident's page in the API; null when no public base URL is configured. */
export function incidentUrl(publicBaseUrl: string | undefined, id: string): string | null {
  if (!publicBaseUrl) return null;
  return new URL(`api/v1/incidents/${encodeURIComponent(id)}`, publicBaseUrl.replace(/\/?$/, '/')).toString();
}

function causesOf(incident: Incident): CauseLine[] {
  const candidates = [...(incident.rca?.candidates ?? [])].sort((a, b) => a.rank - b.rank);
  if (candidates.length > 0) {
    return candidates.slice(0, TOP_CAUSES).map((c) => ({
      rank: c.rank,
      resource: describeResource(c.resource),
      confidence: c.confidence,
      reason: c.reason,
    }));
  }
  return (incident.findings ?? []).slice(0, TOP_CAUSES).map((f, i) => ({
    rank: i + 1,
    resource: describeResource(f.resource),
    confidence: null,
    reason: `${f.category}: ${f.message}`,
  }));
}

const CHANGING: ReadonlySet<ActionRecord['kind']> = new Set(['patch', 'rollback']);

function fixOf(incident: Incident): MessageFix | null {
  const changes = incident.actions.filter((a) => CHANGING.has(a.kind));
  const applied = changes.some(
    (a) => a.outcome !== 'refused' && a.outcome !== 'skipped' && a.outcome !== 'dry-run-failed',
  );
  const reasons = [...new Set(changes.map((a) => a.reason).filter((r) => r.length > 0))];
  const summary = incident.plan?.summary || incident.fix?.actionsTaken.join('; ') || reasons.join('; ');
  if (changes.length === 0 && !summary) return null;
  return { summary, diff: renderDiff(changes), applied };
}

function verificationOf(actions: ActionRecord[]): Verification | null {
  const changes = actions.filter((a) => CHANGING.has(a.kind));
  const details = (outcomes: string[]) =>
    changes
      .filter((a) => outcomes.includes(a.outcome))
      .map((a) => `${describeResource(a.target)}: ${a.detail}`)
      .join('; ');
  if (changes.some((a) => a.outcome === 'rolled-back'))
    return { outcome: 'rolled-back', detail: details(['rolled-back']) };
  if (changes.some((a) => a.outcome === 'failed' || a.outcome === 'dry-run-failed'))
    return { outcome: 'failed', detail: details(['failed', 'dry-run-failed']) };
  if (changes.some((a) => a.outcome === 'verified'))
    return { outcome: 'verified', detail: details(['verified']) };
  if (changes.some((a) => a.outcome === 'applied'))
    return { outcome: 'not-verified', detail: details(['applied']) };
  return null;
}

function summaryOf(incident: Incident, event: NotificationEvent): string {
  const base =
    incident.rca?.summary ||
    incident.alerts.map((a) => a.annotations.summary ?? a.annotations.description).find((s) => s) ||
    incident.title;
  const failure = Object.entries(incident.stages).find(([, s]) => s?.state === 'failed');
  if (event === 'failed' && failure) {
    const [stage, state] = failure;
    return `${base}\n\nThe ${stage} stage failed after ${state?.attempts ?? 0} attempt(s): ${state?.error ?? 'no reason recorded'}`;
  }
  return base;
}

export interface MessageContext {
  publicBaseUrl?: string;
  /** A later run of the same incident (a re-analysis) is a new notification; the first run needs none. */
  runId?: string;
  now?: Date;
}

/** The exactly-once key of an incident's event (without the channel). */
export function incidentNotificationKey(
  incidentId: string,
  event: NotificationEvent,
  runId?: string,
): string {
  return runId ? `${incidentId}:${runId}:${event}` : `${incidentId}:${event}`;
}

/** Everything people should learn about an incident's event, independent of the channel. */
export function buildIncidentMessage(
  incident: Incident,
  event: NotificationEvent,
  level: NotificationLevel,
  context: MessageContext = {},
): NotificationMessage {
  return {
    version: 1,
    key: incidentNotificationKey(incident.id, event, context.runId),
    event,
    level,
    title: clip(`${TITLE_PREFIX[event]}: ${incident.title}`, MAX_TITLE),
    headline: HEADLINES[event],
    summary: summaryOf(incident, event),
    incident: {
      id: incident.id,
      source: incident.source,
      severity: incident.severity,
      status: incident.status,
      target: describeTarget(incident.target),
      alerts: incident.alerts.length,
      createdAt: incident.createdAt,
    },
    causes: event === 'resolved' ? [] : causesOf(incident),
    fix: fixOf(incident),
    verification: verificationOf(incident.actions),
    humanHelp: humanHelpFor(incident, event),
    report: event === 'resolved' ? '' : (incident.rca?.report ?? ''),
    links: { incident: incidentUrl(context.publicBaseUrl, incident.id) },
    truncated: false,
    at: (context.now ?? new Date()).toISOString(),
  };
}

/** A message asked for through the API (`POST /api/v1/autofix/notify`). */
export function buildManualMessage(
  job: ManualNotification,
  level: NotificationLevel,
  context: { now?: Date } = {},
): NotificationMessage {
  const humanHelp =
    job.type === 'human_help' || job.event === 'escalated'
      ? [
          {
            subject: job.title,
            problem: `asked through the API (urgency ${job.urgency})`,
            blocked: 'needs a person',
            action: job.message,
          },
        ]
      : [];
  return {
    version: 1,
    key: `manual:${job.requestId}`,
    event: job.event,
    level,
    title: clip(job.title || HEADLINES[job.event], MAX_TITLE),
    headline: humanHelp.length > 0 ? HEADLINES.escalated : HEADLINES[job.event],
    summary: humanHelp.length > 0 ? '' : job.message,
    incident: null,
    causes: [],
    fix: null,
    verification: null,
    humanHelp,
    report: '',
    links: { incident: null },
    truncated: false,
    at: (context.now ?? new Date()).toISOString(),
  };
}
