import { z } from 'zod';
import type { ToolContext } from '../tool-context';
import { defineTool, ok, type ToolSpec } from './tool-spec';

const Level = z.enum(['info', 'warning', 'critical']);

export const SendNotificationArgs = z.object({
  title: z.string().min(1).max(200),
  message: z.string().min(1).max(4000),
  level: Level.default('info'),
});

export const HumanHelpArgs = z.object({
  reason: z.string().min(1).max(2000),
  actions: z.array(z.string().min(1).max(500)).max(20).default([]),
  level: Level.default('warning'),
});

/**
 * The notifier's tools have no side effect: a call becomes a plan step (its arguments redacted), and the notify
 * stage sends what the plan asks for (see notificationsOf).
 */
export function notifierTools(_ctx: ToolContext): ToolSpec[] {
  return [
    defineTool({
      name: 'send_notification',
      description: 'Tell the on-call team what is happening and what the plan is (sent by the notify stage).',
      schema: SendNotificationArgs,
      async run({ title, level }) {
        return ok(`notification "${title}" (${level}) queued for the notify stage`);
      },
    }),
    defineTool({
      name: 'ask_for_human_help',
      description:
        'Ask a person to take over what cannot be fixed automatically: say why, and list what they must do, one action per item.',
      schema: HumanHelpArgs,
      async run({ actions, level }) {
        return ok(
          `request for human help (${level}, ${actions.length} action(s)) queued for the notify stage`,
        );
      },
    }),
  ];
}
