import { z } from 'zod';

export interface ApiOperation {
  method: 'get' | 'post';
  path: string;
  summary: string;
  tag: string;
  auth?: 'webhook' | 'api' | 'dashboard';
  body?: z.ZodType;
  query?: z.ZodObject;
  /** Schema of `data` in the `{code, message, data}` envelope; absent for non-JSON answers. */
  data?: z.ZodType;
  status?: number;
  produces?: string;
  errors?: number[];
}

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
  503: 'a dependency (Redis, Prometheus, the cluster) is unavailable; retry later',
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
    for (const code of [...(op.body ? [400] : []), ...(op.auth ? [401] : []), ...(op.errors ?? [])]) {
      responses[String(code)] = {
        description: ERROR_TEXT[code] ?? 'error',
        content: { 'application/json': { schema: envelope({ type: 'null' }) } },
      };
    }
    paths[path] ??= {};
    paths[path][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth
        ? { security: [op.auth === 'dashboard' ? { dashboardBasic: [] } : { [`${op.auth}Bearer`]: [] }] }
        : {}),
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
        webhookBearer: { type: 'http', scheme: 'bearer', description: 'WEBHOOK_TOKEN (or basic auth)' },
        apiBearer: { type: 'http', scheme: 'bearer', description: 'API_TOKEN' },
        dashboardBasic: { type: 'http', scheme: 'basic', description: 'DASHBOARD_USER / DASHBOARD_PASSWORD' },
      },
    },
    paths,
  };
}
