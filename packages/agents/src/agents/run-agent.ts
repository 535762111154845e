import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import type { ChatOpenAI } from '@langchain/openai';
import { createAgent, createMiddleware } from 'langchain';
import type { AgentName } from '../agent-step';
import type { PlanBuilder } from '../plan-builder';
import { redactSecrets } from '../redact';
import { admit, callTool, renderOutcome, UNPARSABLE_ARGUMENTS } from '../tools/tool-call';
import type { ToolSpec } from '../tools/tool-spec';

export interface ModelAgentRun {
  model: ChatOpenAI;
  agent: AgentName;
  systemPrompt: string;
  specs: ToolSpec[];
  builder: PlanBuilder;
  /** The first (human) message. */
  input: string;
  signal: AbortSignal;
  /** LangGraph steps (a model call or a round of tool calls each) before the run stops. */
  recursionLimit: number;
}

/** Every secret-looking string in what goes to the model is redacted, whatever produced it. */
function redactMessage(message: BaseMessage): BaseMessage {
  if (typeof message.content !== 'string') return message;
  const content = redactSecrets(message.content);
  if (content === message.content) return message;
  if (HumanMessage.isInstance(message)) return new HumanMessage({ content, id: message.id });
  if (ToolMessage.isInstance(message)) {
    return new ToolMessage({
      content,
      tool_call_id: message.tool_call_id,
      name: message.name,
      status: message.status,
      id: message.id,
    });
  }
  return message;
}

/** Tool calls whose JSON the model got wrong become calls the guard refuses, so the model hears why. */
function admitMalformedCalls(reply: AIMessage): AIMessage {
  const malformed = reply.invalid_tool_calls ?? [];
  if (malformed.length === 0) return reply;
  return new AIMessage({
    id: reply.id,
    content: reply.content,
    response_metadata: reply.response_metadata,
    usage_metadata: reply.usage_metadata,
    tool_calls: [
      ...(reply.tool_calls ?? []),
      ...malformed.map((call, i) => ({
        id: call.id ?? `malformed-${i}`,
        name: call.name ?? 'unnamed',
        args: { [UNPARSABLE_ARGUMENTS]: call.args ?? '' },
        type: 'tool_call' as const,
      })),
    ],
    invalid_tool_calls: [],
  });
}

/**
 * The guard around an agent: a call to a tool the agent does not have, or with arguments that fail the tool's
 * zod schema, is answered with the refusal and recorded; it never runs.
 */
function guardMiddleware(agent: AgentName, specs: ToolSpec[], builder: PlanBuilder) {
  return createMiddleware({
    name: 'ToolGuard',
    wrapModelCall: async (request, handler) =>
      admitMalformedCalls(await handler({ ...request, messages: request.messages.map(redactMessage) })),
    wrapToolCall: async (request, handler) => {
      const { toolCall } = request;
      if (admit(specs, toolCall.name, toolCall.args).admitted) return handler(request);
      const outcome = await callTool(builder, agent, specs, toolCall.name, toolCall.args);
      return new ToolMessage({
        content: renderOutcome(outcome),
        tool_call_id: toolCall.id ?? '',
        name: toolCall.name,
        status: 'error',
      });
    },
  });
}

/** One agent (createAgent) over its tools, until it answers without calling a tool; returns that answer. */
export async function runModelAgent(run: ModelAgentRun): Promise<string> {
  const { agent, specs, builder } = run;
  const tools = specs.map((spec) =>
    tool(async (args: unknown) => renderOutcome(await callTool(builder, agent, specs, spec.name, args)), {
      name: spec.name,
      description: spec.description,
      schema: spec.schema,
    }),
  );
  const graph = createAgent({
    model: run.model,
    tools,
    systemPrompt: run.systemPrompt,
    middleware: [guardMiddleware(agent, specs, builder)],
    name: agent,
  });
  const state = await graph.invoke(
    { messages: [new HumanMessage(run.input)] },
    { signal: run.signal, recursionLimit: run.recursionLimit },
  );
  const last = state.messages.at(-1);
  return last && AIMessage.isInstance(last) ? last.text.trim() : '';
}
