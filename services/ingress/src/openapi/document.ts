import { z } from 'zod';

export interface ApiOperation {
  method: 'get' | 'post';
  path: string;
  summary: string;
  tag: string;
  /** Credentials needed; 'read' only when READ_TOKEN is set. */
  auth?: 'webhook' | 'api' | 'read' | 'dashboard';
  body?: z.ZodType;
  query?: z.ZodObject;
  /** Schema of `data` in the `{code, message, data}` envelope; absent for non-JSON answers. */
  data?: z.ZodType;
  status?: number;
  produces?: string;
  /** Statuses answered with the envelope and `data: null` besides 400 (input) and 401 (auth), added for those. */
  errors?: number[];
  /** Other answers whose `data` is not null, e.g. 202 while an action still runs, 502 when it failed. */
  answers?: { status: number; description: string; data: z.ZodType }[];
}

/** `data` of every 400: the failing fields, each with its path and what is wrong. */
const FieldErrorsSchema = z.object({
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function envelope(data: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object',
    required: ['code', 'message', 'data'],
    properties: {
      code: { type: 'integer', description: '0 on success, else the HTTP status' },
      message: { type: 'string' },
      data,
    },
  };
}

const ERROR_TEXT: Record<number, string> = {
  400: 'invalid input; `message` names each failing field',
  401: 'credentials missing or wrong',
  404: 'not found',
  413: 'body too large',
  502: 'the action ran and failed; `data` says what was done',
  503: 'a dependency (Redis, Prometheus, the cluster) is unavailable; retry later',
};

/** Alternatives a request may satisfy, per kind of credentials. */
const SECURITY: Record<NonNullable<ApiOperation['auth']>, Record<string, string[]>[]> = {
  webhook: [{ webhookBearer: [] }, { webhookBasic: [] }],
  api: [{ apiBearer: [] }],
  read: [{ readBearer: [] }, { apiBearer: [] }],
  dashboard: [{ dashboardBasic: [] }],
};

/** OpenAPI 3.1 document generated from the same zod schemas the handlers validate with. */
export function buildOpenApiDocument(operations: ApiOperation[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters = [
      ...[...op.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(op.query?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: !(schema as z.ZodType).safeParse(undefined).success,
        schema: jsonSchema(schema as z.ZodType, 'input'),
      })),
    ];
    const responses: Record<string, unknown> = {
      [String(op.status ?? 200)]: op.produces
        ? { description: 'ok', content: { [op.produces]: { schema: { type: 'string' } } } }
        : {
            description: 'ok',
            content: {
              'application/json': { schema: envelope(op.data ? jsonSchema(op.data, 'output') : {}) },
            },
          },
    };
    const json = (data: Record<string, unknown>) => ({ 'application/json': { schema: envelope(data) } });
    if (op.body || op.query) {
      responses['400'] = {
        description: ERROR_TEXT[400],
        content: json(jsonSchema(FieldErrorsSchema, 'output')),
      };
    }
    if (op.auth) {
      // The dashboard's basic auth (hono's) answers in plain text, not in the envelope.
      responses['401'] = {
        description: ERROR_TEXT[401],
        content:
          op.auth === 'dashboard' ? { 'text/plain': { schema: { type: 'string' } } } : json({ type: 'null' }),
      };
    }
    for (const code of [...(op.body ? [413] : []), ...(op.errors ?? [])]) {
      if (responses[String(code)]) continue;
      responses[String(code)] = { description: ERROR_TEXT[code] ?? 'error', content: json({ type: 'null' }) };
    }
    for (const answer of op.answers ?? []) {
      responses[String(answer.status)] = {
        description: answer.description,
        content: json(jsonSchema(answer.data, 'output')),
      };
    }
    paths[path] ??= {};
    paths[path][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth ? { security: SECURITY[op.auth] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'AIOps platform API',
      version,
      description:
        'Alertmanager webhook intake, incidents, root-cause analysis, safe autofix and load prediction. ' +
        'Every JSON answer is `{code, message, data}`: code 0 on success, else the HTTP status.',
    },
    components: {
      securitySchemes: {
        webhookBearer: { type: 'http', scheme: 'bearer', description: 'WEBHOOK_TOKEN' },
        webhookBasic: {
          type: 'http',
          scheme: 'basic',
          description:
            'WEBHOOK_BASIC_USER / WEBHOOK_BASIC_PASSWORD, accepted besides the token when both are set',
        },
        apiBearer: { type: 'http', scheme: 'bearer', description: 'API_TOKEN' },
        readBearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'READ_TOKEN (when set; the API token also reads)',
        },
        dashboardBasic: { type: 'http', scheme: 'basic', description: 'DASHBOARD_USER / DASHBOARD_PASSWORD' },
      },
    },
    paths,
  };
}
