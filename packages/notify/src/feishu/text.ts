import type { NotificationMessage } from '../notification-message';

/** The plain-text rendering, sent when Feishu refuses the card: the same facts, in reading order. */
export function renderText(message: NotificationMessage, keyword?: string): string {
  const parts: string[] = [`[${message.level.toUpperCase()}] ${message.title}`, message.headline];
  const incident = message.incident;
  if (incident) {
    parts.push(
      `Severity ${incident.severity} · ${incident.target} · status ${incident.status} · ${incident.id}`,
    );
  }
  if (message.summary) parts.push(message.summary);
  if (message.causes.length > 0) {
    const lines = message.causes.map((c) => {
      const confidence = c.confidence === null ? '' : ` (${Math.round(c.confidence * 100)}%)`;
      return `${c.rank}. ${c.resource}${confidence}: ${c.reason}`;
    });
    parts.push(`Top causes:\n${lines.join('\n')}`);
  }
  if (message.fix) {
    const state = message.fix.applied ? '' : ' (proposed, not applied)';
    parts.push(`Fix${state}: ${message.fix.summary}${message.fix.diff ? `\n${message.fix.diff}` : ''}`);
  }
  if (message.verification) {
    const { outcome, detail } = message.verification;
    parts.push(`Verification: ${outcome}${detail ? `: ${detail}` : ''}`);
  }
  if (message.humanHelp.length > 0) {
    const items = message.humanHelp.map(
      (h) => `- ${h.subject}: ${h.problem}\n  Not fixed because ${h.blocked}.\n  To do: ${h.action}`,
    );
    parts.push(`What a person must do:\n${items.join('\n')}`);
  }
  if (message.report) parts.push(`Report:\n${message.report}`);
  const link = message.links.incident;
  if (message.truncated)
    parts.push(`(Parts were cut to fit Feishu's 20 KB limit${link ? '; full report below' : ''}.)`);
  if (link) parts.push(`Incident: ${link}`);
  parts.push(['AIOps', message.event, message.at, keyword].filter((part) => part).join(' · '));
  return parts.join('\n\n');
}
