import type { AgentName } from '../agent-step';
import type { PlanBuilder } from '../plan-builder';
import { redactDeep } from '../redact';
import { clip } from '../untrusted';
import { refused, type ToolOutcome, type ToolSpec } from './tool-spec';

/** Marks the arguments of a tool call whose JSON the model got wrong (LangChain's invalid_tool_calls). */
export const UNPARSABLE_ARGUMENTS = '__unparsable_arguments';

function describeArgs(args: unknown): string {
  if (!args || typeof args !== 'object') return '';
  return clip(
    Object.entries(args)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', '),
    300,
  );
}

function argsRecord(args: unknown): Record<string, unknown> {
  return args && typeof args === 'object' && !Array.isArray(args)
    ? redactDeep(args as Record<string, unknown>)
    : {};
}

export type Admission =
  | { admitted: true; spec: ToolSpec; args: Record<string, unknown>; run(): Promise<ToolOutcome> }
  | { admitted: false; outcome: ToolOutcome };

/** A call may run only when the tool exists and its arguments are JSON that passes the tool's schema. */
export function admit(specs: ToolSpec[], name: string, args: unknown): Admission {
  const spec = specs.find((s) => s.name === name);
  if (!spec) {
    const tools = specs.map((s) => s.name).join(', ');
    return { admitted: false, outcome: refused(`there is no tool named ${name}; the tools are ${tools}`) };
  }
  if (args && typeof args === 'object' && UNPARSABLE_ARGUMENTS in args) {
    return {
      admitted: false,
      outcome: refused(`the arguments of ${name} are not valid JSON; send a JSON object`),
    };
  }
  const parsed = spec.parse(args);
  if (!parsed.ok)
    return { admitted: false, outcome: refused(`invalid arguments for ${name}: ${parsed.error}`) };
  return { admitted: true, spec, args: parsed.args, run: parsed.run };
}

/**
 * The one way an agent's tool runs, for the model and for the deterministic plan alike: refused unless admitted;
 * recorded as a step; a successful action becomes a plan step. Errors of action tools are answered to the
 * model as outcomes; errors of hand-offs (the model failing) propagate, so the run falls back.
 */
export async function callTool(
  builder: PlanBuilder,
  agent: AgentName,
  specs: ToolSpec[],
  name: string,
  rawArgs: unknown,
): Promise<ToolOutcome> {
  const admission = admit(specs, name, rawArgs);
  if (!admission.admitted) {
    const { outcome } = admission;
    builder.step({
      agent,
      kind: 'tool',
      tool: name,
      args: argsRecord(rawArgs),
      outcome: 'refused',
      message: `${name} refused: ${outcome.summary}`,
    });
    return outcome;
  }
  const args = argsRecord(admission.args);
  const call = `${name}(${describeArgs(args)})`;
  if (admission.spec.kind === 'handoff') {
    builder.step({ agent, kind: 'handoff', tool: name, args, outcome: 'ok', message: call });
    return admission.run();
  }
  let outcome: ToolOutcome;
  try {
    outcome = await admission.run();
  } catch (error) {
    outcome = {
      status: 'error',
      summary: `${name} failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  builder.step({
    agent,
    kind: 'tool',
    tool: name,
    args,
    outcome: outcome.status,
    message: `${call} → ${outcome.summary}`,
  });
  if (outcome.status === 'ok') builder.plan({ agent, action: name, args, reason: outcome.summary });
  return outcome;
}

/** The tool result the model reads. */
export function renderOutcome(outcome: ToolOutcome, maxChars = 6000): string {
  return clip(
    JSON.stringify({ status: outcome.status, summary: outcome.summary, data: outcome.data }),
    maxChars,
  );
}
