import type { Incident, NotificationEvent, NotificationLevel, Severity } from '@aiops/contracts';
import type { ManualType, ManualUrgency } from './manual-notification';

/** Whether an event is announced: always, never, or only when people already heard of the incident. */
export type SendRule = 'always' | 'never' | 'if-notified';

export interface LevelRule {
  level: NotificationLevel;
  send: SendRule;
}

type IncidentEvent = Exclude<NotificationEvent, 'manual'>;

/**
 * What is sent for each event and incident severity. The level sets the card colour and tells people how
 * urgent it is: a fix that worked is news, a problem nobody fixed needs a person (escalated, failed), and the
 * more severe the incident the louder. A healthy verdict on an info alert and the resolution of an incident
 * nobody was told about are noise, so they are not sent.
 */
export const LEVEL_RULES: Record<IncidentEvent, Record<Severity, LevelRule>> = {
  fixed: {
    info: { level: 'info', send: 'always' },
    warning: { level: 'info', send: 'always' },
    critical: { level: 'warning', send: 'always' },
  },
  escalated: {
    info: { level: 'warning', send: 'always' },
    warning: { level: 'warning', send: 'always' },
    critical: { level: 'critical', send: 'always' },
  },
  failed: {
    info: { level: 'warning', send: 'always' },
    warning: { level: 'critical', send: 'always' },
    critical: { level: 'critical', send: 'always' },
  },
  resolved: {
    info: { level: 'resolved', send: 'if-notified' },
    warning: { level: 'resolved', send: 'always' },
    critical: { level: 'resolved', send: 'always' },
  },
  healthy: {
    info: { level: 'info', send: 'never' },
    warning: { level: 'info', send: 'always' },
    critical: { level: 'warning', send: 'always' },
  },
  capacity: {
    info: { level: 'info', send: 'always' },
    warning: { level: 'warning', send: 'always' },
    critical: { level: 'critical', send: 'always' },
  },
};

export interface LevelDecision {
  level: NotificationLevel;
  send: boolean;
  /** Why it is not sent, for the log record. */
  reason: string;
}

/** The level of an incident's event and whether to send it at all. */
export function decideLevel(incident: Incident, event: IncidentEvent): LevelDecision {
  const rule = LEVEL_RULES[event][incident.severity];
  // Whoever asked the API for a diagnosis already has the "all healthy" answer.
  if (event === 'healthy' && incident.source === 'api') {
    return {
      level: rule.level,
      send: false,
      reason: 'a healthy answer to an API request is given in the answer',
    };
  }
  const notifiedBefore = incident.notifications.some((n) => n.ok && n.channel !== 'log');
  const send = rule.send === 'always' || (rule.send === 'if-notified' && notifiedBefore);
  const reason = send
    ? 'sent'
    : rule.send === 'never'
      ? `${event} ${incident.severity} incidents are not announced`
      : `${event} is announced for ${incident.severity} incidents only when people were told of them before`;
  return { level: rule.level, send, reason };
}

/**
 * The level of a message asked for through the API: its type when known; a call for human help is a warning,
 * or critical when urgent; without a type the urgency decides.
 */
export function manualLevel(
  event: NotificationEvent,
  urgency: ManualUrgency,
  type?: ManualType,
): NotificationLevel {
  const urgent = urgency === 'high' || urgency === 'critical';
  if (type === 'human_help') return urgent ? 'critical' : 'warning';
  if (type) return type;
  if (event === 'resolved') return 'resolved';
  if (urgency === 'critical') return 'critical';
  return urgent ? 'warning' : 'info';
}
