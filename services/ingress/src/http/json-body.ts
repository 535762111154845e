import type { Context } from 'hono';
import type { z } from 'zod';
import { describeIssues, type FieldError } from './envelope';

/** Zod says "expected array, received undefined" of a missing field: said plainly. A schema's own message wins. */
const MISSING_FIELDS: z.core.ParseContext<z.core.$ZodIssue> = {
  error: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? `required (${issue.expected})` : undefined,
};

export type ParsedBody<T> = { ok: true; value: T } | { ok: false; message: string; errors: FieldError[] };

/** Reads and validates a JSON body, answering what is wrong in terms of the body's own fields. */
export async function parseJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<ParsedBody<z.infer<S>>> {
  const text = await c.req.text();
  if (text.trim() === '') {
    return {
      ok: false,
      message: 'body is empty: a JSON object is expected',
      errors: [{ field: '(body)', message: 'empty' }],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: `body is not valid JSON: ${reason}`,
      errors: [{ field: '(body)', message: reason }],
    };
  }
  const parsed = schema.safeParse(json, MISSING_FIELDS);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, ...describeIssues(parsed.error) };
}
