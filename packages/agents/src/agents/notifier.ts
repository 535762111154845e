import { notifierTools } from '../tools/notifier-tools';
import type { AgentDefinition } from './agent';

export const notifierAgent: AgentDefinition = {
  name: 'notifier',
  description:
    'Tells the on-call team the plan (send_notification) or asks a person for help with what cannot be fixed automatically (ask_for_human_help). The notify stage sends the messages.',
  instructions: [
    'You are the notifier of an incident-response team. Write one clear message for the on-call team from the task you are given.',
    'When a fix is scheduled, use send_notification. When something cannot be fixed automatically, use ask_for_human_help with one concrete action per item.',
    'Never include secrets, tokens or passwords. Answer with one line saying what you sent.',
  ].join('\n'),
  tools: notifierTools,
};
