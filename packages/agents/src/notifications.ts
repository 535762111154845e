import type { Plan } from '@aiops/contracts';
import { HumanHelpArgs, SendNotificationArgs } from './tools/notifier-tools';

/** A message the notifier agent asked for; the notify stage sends it, the planner never does. */
export interface WorkflowNotification {
  kind: 'notification' | 'human-help';
  title: string;
  message: string;
  level: 'info' | 'warning' | 'critical';
  /** What a person must do (for `human-help`), one item each. */
  actions: string[];
}

/** The messages a plan asks the notify stage to send, in order: read from its notifier steps. */
export function notificationsOf(plan: Plan): WorkflowNotification[] {
  return plan.steps.flatMap((step): WorkflowNotification[] => {
    if (step.agent !== 'notifier') return [];
    if (step.action === 'send_notification') {
      const args = SendNotificationArgs.safeParse(step.args);
      return args.success ? [{ kind: 'notification', ...args.data, actions: [] }] : [];
    }
    if (step.action === 'ask_for_human_help') {
      const args = HumanHelpArgs.safeParse(step.args);
      if (!args.success) return [];
      const { reason, actions, level } = args.data;
      return [{ kind: 'human-help', title: 'Human help needed', message: reason, level, actions }];
    }
    return [];
  });
}
