import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** The seed's envelope: `{code: 0, message, data}` on success; on failure `code` is the HTTP status. */
export function ok<T>(c: Context, data: T, status: ContentfulStatusCode = 200, message = 'ok') {
  return c.json({ code: 0, message, data }, status);
}

export function fail(c: Context, status: ContentfulStatusCode, message: string, data: unknown = null) {
  return c.json({ code: status, message, data }, status);
}

/** One line per problem, each naming the field by its path, e.g. `alerts.0.startsAt: invalid ISO datetime`. */
export function describeIssues(error: z.ZodError, limit = 10): { message: string; errors: FieldError[] } {
  const errors = error.issues.slice(0, limit).map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
  return { message: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors };
}

export interface FieldError {
  field: string;
  message: string;
}
