import type { z } from 'zod';

/** What a tool did, for the model (data), the timeline (summary) and the plan (ok action tools). */
export interface ToolOutcome {
  status: 'ok' | 'refused' | 'error';
  /** One line: the step's message and, for a plan step, its reason. */
  summary: string;
  /** What the model reads back besides the summary (JSON-able). */
  data?: unknown;
}

export type ParsedCall =
  | { ok: true; args: Record<string, unknown>; run(): Promise<ToolOutcome> }
  | { ok: false; error: string };

/**
 * A tool an agent may call. `action` tools do or decide something and become plan steps when they succeed;
 * `handoff` tools give work to another agent.
 */
export interface ToolSpec {
  name: string;
  description: string;
  kind: 'action' | 'handoff';
  schema: z.ZodObject;
  /** Validates raw arguments with the schema; only a valid call can be run. */
  parse(args: unknown): ParsedCall;
}

export interface ToolDefinition<S extends z.ZodObject> {
  name: string;
  description: string;
  kind?: 'action' | 'handoff';
  schema: S;
  run(args: z.output<S>): Promise<ToolOutcome>;
}

export function defineTool<S extends z.ZodObject>(definition: ToolDefinition<S>): ToolSpec {
  const { name, description, schema, run } = definition;
  return {
    name,
    description,
    schema,
    kind: definition.kind ?? 'action',
    parse(args) {
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`);
        return { ok: false, error: issues.join('; ') };
      }
      const data = parsed.data;
      return { ok: true, args: data as Record<string, unknown>, run: () => run(data) };
    },
  };
}

export const ok = (summary: string, data?: unknown): ToolOutcome => ({ status: 'ok', summary, data });
export const refused = (summary: string, data?: unknown): ToolOutcome => ({
  status: 'refused',
  summary,
  data,
});
