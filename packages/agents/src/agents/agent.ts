import type { AgentName } from '../agent-step';
import type { ToolContext } from '../tool-context';
import type { ToolSpec } from '../tools/tool-spec';

/** A worker agent the supervisor hands tasks to: one file per agent, listed in the registry. */
export interface AgentDefinition {
  name: Exclude<AgentName, 'supervisor'>;
  /** What the supervisor reads when choosing whom to give a task. */
  description: string;
  /** The agent's system prompt. */
  instructions: string;
  tools(ctx: ToolContext): ToolSpec[];
  /** Data the agent needs beside the incident (the coder's list of series), sent as untrusted data. */
  briefing?(ctx: ToolContext): Promise<Record<string, unknown>>;
}
