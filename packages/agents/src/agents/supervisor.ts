import { GraphRecursionError } from '@langchain/langgraph';
import type { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import { incidentData } from '../incident-data';
import { redactDeep } from '../redact';
import type { ToolContext } from '../tool-context';
import { defineTool, ok, type ToolSpec } from '../tools/tool-spec';
import { clip, dataBlock, UNTRUSTED_DATA_RULE } from '../untrusted';
import type { AgentDefinition } from './agent';
import { AGENTS, handoffToolName } from './registry';
import { runModelAgent } from './run-agent';

/** LangGraph steps an agent may take per task (about half are model calls) and the supervisor per run. */
const AGENT_STEP_LIMIT = 16;
const SUPERVISOR_STEP_LIMIT = 24;

function supervisorPrompt(): string {
  return [
    'You are the supervisor of an incident-response team for a Kubernetes cluster. You plan the response; you never change the cluster yourself.',
    'Your agents, each reached with its transfer tool:',
    ...AGENTS.map((a) => `- ${a.name} (${handoffToolName(a)}): ${a.description}`),
    'Hand over one task at a time and read the answer before deciding the next. A usual plan: the researcher looks up the runbook of the alert or finding; the kubernetes-fixer diagnoses the Deployment, proposes a fix and schedules it when it is safe; the coder analyses metrics only when numbers matter; the notifier always comes last, to tell people the plan or ask for help.',
    'Give each agent a short, concrete task that names the namespace and the Deployment.',
    'When the work is done, answer without calling a tool: a short summary of the plan (what was found, what will be fixed, what needs a person).',
    UNTRUSTED_DATA_RULE,
  ].join('\n');
}

function handoffTool(
  agent: AgentDefinition,
  ctx: ToolContext,
  model: ChatOpenAI,
  incident: string,
  signal: AbortSignal,
): ToolSpec {
  return defineTool({
    name: handoffToolName(agent),
    kind: 'handoff',
    description: `Give a task to the ${agent.name} agent, who ${agent.description.charAt(0).toLowerCase()}${agent.description.slice(1)}`,
    schema: z.object({
      task: z
        .string()
        .min(1)
        .max(4000)
        .describe('what the agent must do, naming the namespace and the Deployment'),
    }),
    async run({ task }) {
      const briefing = agent.briefing
        ? `\n\n${dataBlock('agent-data', redactDeep(await agent.briefing(ctx)))}`
        : '';
      let answer: string;
      try {
        answer = await runModelAgent({
          model,
          agent: agent.name,
          systemPrompt: `${agent.instructions}\n${UNTRUSTED_DATA_RULE}`,
          specs: agent.tools(ctx),
          builder: ctx.builder,
          input: `Task from the supervisor:\n${task}\n\n${incident}${briefing}`,
          signal,
          recursionLimit: AGENT_STEP_LIMIT,
        });
      } catch (error) {
        // An agent going round in circles ends its task, not the plan; the supervisor hears so.
        if (!(error instanceof GraphRecursionError)) throw error;
        answer = `stopped after ${AGENT_STEP_LIMIT} steps without a final answer`;
      }
      answer ||= '(no answer)';
      ctx.builder.step({ agent: agent.name, kind: 'answer', outcome: 'ok', message: clip(answer, 500) });
      return ok(clip(answer, 300), answer);
    },
  });
}

/**
 * The supervisor (a LangChain createAgent) routes the incident among the agents through hand-off tools; each
 * agent is its own createAgent over its tools. Returns the supervisor's closing summary. Throws when the model
 * fails (HTTP error, timeout, abort), so the caller can fall back.
 */
export async function superviseWithModel(
  ctx: ToolContext,
  model: ChatOpenAI,
  signal: AbortSignal,
): Promise<string> {
  const incident = dataBlock('incident-data', incidentData(ctx.subject));
  return runModelAgent({
    model,
    agent: 'supervisor',
    systemPrompt: supervisorPrompt(),
    specs: AGENTS.map((agent) => handoffTool(agent, ctx, model, incident, signal)),
    builder: ctx.builder,
    input: `Plan the response to this incident.\n\n${incident}`,
    signal,
    recursionLimit: SUPERVISOR_STEP_LIMIT,
  });
}
