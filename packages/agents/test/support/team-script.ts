import type { ChatCompletionRequest, ReplyScript, ScriptedReply } from '@aiops/testkit/openai-server';
import type { AgentName } from '../../src';

/** How each agent's system prompt begins: tells which agent a request to the model comes from. */
const OPENINGS: Record<AgentName, string> = {
  supervisor: 'You are the supervisor',
  'kubernetes-fixer': 'You are the Kubernetes fixer',
  researcher: 'You are the researcher',
  coder: 'You are the data analyst',
  notifier: 'You are the notifier',
};

/** A chat message's text, whether its content is a string or content parts. */
export function textOf(message: unknown): string {
  const content = (message as { content?: unknown } | undefined)?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part as { text?: string }).text ?? '').join('');
  return '';
}

export function agentOf(request: ChatCompletionRequest): AgentName | undefined {
  const system = textOf(request.messages?.[0]);
  return (Object.keys(OPENINGS) as AgentName[]).find((agent) => system.startsWith(OPENINGS[agent]));
}

/** Every message of every request to the model, as text (system prompts, data, tool results). */
export function sentText(requests: ChatCompletionRequest[]): string {
  return requests
    .flatMap((r) => r.messages ?? [])
    .map(textOf)
    .join('\n');
}

/**
 * A script per agent: each request is answered with the next reply of the agent that sent it (known by its
 * system prompt), so the order holds however the agents nest. A request past an agent's script gets HTTP 500.
 */
export function teamScript(replies: Partial<Record<AgentName, ScriptedReply[]>>): ReplyScript {
  const queues = new Map(Object.entries(replies).map(([agent, list]) => [agent, [...(list ?? [])]]));
  return (request) => {
    const agent = agentOf(request);
    const next = agent ? queues.get(agent)?.shift() : undefined;
    return (
      next ?? { error: { status: 500, message: `no scripted reply left for ${agent ?? 'an unknown agent'}` } }
    );
  };
}

export const call = (name: string, args: string | Record<string, unknown>): ScriptedReply => ({
  toolCalls: [{ name, arguments: args }],
});
export const say = (content: string): ScriptedReply => ({ content });
