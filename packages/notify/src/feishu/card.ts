import type { NotificationLevel } from '@aiops/contracts';
import type { NotificationMessage, Verification } from '../notification-message';

/** Header colour per level (Feishu card `template`). */
export const LEVEL_COLOURS: Record<NotificationLevel, 'blue' | 'orange' | 'red' | 'green'> = {
  info: 'blue',
  warning: 'orange',
  critical: 'red',
  resolved: 'green',
};

const VERIFICATION_WORDS: Record<Verification['outcome'], string> = {
  verified: '✅ verified',
  'not-verified': '⚠️ applied, not verified',
  failed: '❌ failed',
  'rolled-back': '↩️ rolled back',
};

interface TextNode {
  tag: 'plain_text' | 'lark_md';
  content: string;
}

export type CardElement =
  | { tag: 'div'; text?: TextNode; fields?: Array<{ is_short: boolean; text: TextNode }> }
  | { tag: 'markdown'; content: string }
  | { tag: 'hr' }
  | {
      tag: 'action';
      actions: Array<{ tag: 'button'; text: TextNode; type: 'primary' | 'danger' | 'default'; url: string }>;
    }
  | { tag: 'note'; elements: TextNode[] };

export interface FeishuCard {
  config: { wide_screen_mode: boolean; enable_forward: boolean };
  header: { template: string; title: TextNode };
  elements: CardElement[];
}

/** Text from alerts, logs and people is shown, not interpreted: no `<at>` mentions, no tags. */
export function escapeMarkdown(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function codeBlock(text: string): string {
  return `\`\`\`\n${text.replaceAll('```', "'''")}\n\`\`\``;
}

function field(label: string, value: string): { is_short: boolean; text: TextNode } {
  return { is_short: true, text: { tag: 'lark_md', content: `**${label}**\n${escapeMarkdown(value)}` } };
}

/**
 * The interactive card of a notification: coloured header, what happened, the incident's facts, top causes,
 * the fix with its diff, the verification, what a person must do, the report, and a button to the incident.
 */
export function renderCard(message: NotificationMessage, keyword?: string): FeishuCard {
  const elements: CardElement[] = [
    { tag: 'div', text: { tag: 'lark_md', content: `**${escapeMarkdown(message.headline)}**` } },
  ];
  const incident = message.incident;
  if (incident) {
    elements.push({
      tag: 'div',
      fields: [
        field('Severity', incident.severity),
        field('Target', incident.target),
        field('Status', incident.status),
        field('Incident', incident.id),
      ],
    });
  }
  if (message.summary) elements.push({ tag: 'markdown', content: escapeMarkdown(message.summary) });

  if (message.causes.length > 0) {
    const lines = message.causes.map((c) => {
      const confidence = c.confidence === null ? '' : ` (${Math.round(c.confidence * 100)}%)`;
      return `${c.rank}. **${escapeMarkdown(c.resource)}**${confidence}: ${escapeMarkdown(c.reason)}`;
    });
    elements.push({ tag: 'hr' }, { tag: 'markdown', content: `**Top causes**\n${lines.join('\n')}` });
  }

  if (message.fix) {
    const state = message.fix.applied ? '' : ' (proposed, not applied)';
    elements.push(
      { tag: 'hr' },
      { tag: 'markdown', content: `**Fix${state}**\n${escapeMarkdown(message.fix.summary)}` },
    );
    if (message.fix.diff) elements.push({ tag: 'markdown', content: codeBlock(message.fix.diff) });
  }

  if (message.verification) {
    const { outcome, detail } = message.verification;
    elements.push({
      tag: 'markdown',
      content: `**Verification**: ${VERIFICATION_WORDS[outcome]}${detail ? `: ${escapeMarkdown(detail)}` : ''}`,
    });
  }

  if (message.humanHelp.length > 0) {
    const items = message.humanHelp.map(
      (h) =>
        `- **${escapeMarkdown(h.subject)}**: ${escapeMarkdown(h.problem)}\n  Not fixed because ${escapeMarkdown(h.blocked)}.\n  **To do**: ${escapeMarkdown(h.action)}`,
    );
    elements.push(
      { tag: 'hr' },
      { tag: 'markdown', content: `**What a person must do**\n${items.join('\n')}` },
    );
  }

  if (message.report) {
    elements.push(
      { tag: 'hr' },
      { tag: 'markdown', content: `**Report**\n${escapeMarkdown(message.report)}` },
    );
  }

  const link = message.links.incident;
  if (message.truncated) {
    const whole = link ? `: [full report](${link})` : '; the full report is in the incident';
    elements.push({ tag: 'markdown', content: `*Parts were cut to fit Feishu's 20 KB limit${whole}.*` });
  }
  if (link) {
    elements.push({
      tag: 'action',
      actions: [
        {
          tag: 'button',
          text: { tag: 'plain_text', content: 'Open incident' },
          type: message.level === 'critical' ? 'danger' : 'primary',
          url: link,
        },
      ],
    });
  }
  const footer = ['AIOps', message.event, message.at, keyword].filter((part) => part).join(' · ');
  elements.push({ tag: 'note', elements: [{ tag: 'plain_text', content: footer }] });

  return {
    config: { wide_screen_mode: true, enable_forward: true },
    header: { template: LEVEL_COLOURS[message.level], title: { tag: 'plain_text', content: message.title } },
    elements,
  };
}
