import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../src/openapi/document';
import { alertOperations } from '../src/routes/alerts';
import { autofixOperations } from '../src/routes/autofix';
import { healthOperations } from '../src/routes/health';
import { incidentOperations } from '../src/routes/incidents';

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
}
type Responses = Record<string, { content: Record<string, { schema: JsonSchema }> }>;
const doc = buildOpenApiDocument(
  [...alertOperations, ...healthOperations, ...incidentOperations, ...autofixOperations],
  'test',
) as { paths: Record<string, Record<string, { responses: Responses; security?: unknown[] }>> };
const responsesOf = (path: string, method: 'get' | 'post') => doc.paths[path]![method]!.responses;
const dataOf = (responses: Responses, status: number) =>
  responses[String(status)]!.content['application/json']!.schema.properties!.data!;

describe('the OpenAPI document', () => {
  it('describes the failing fields every 400 carries, for bodies and queries alike', () => {
    for (const responses of [
      responsesOf('/api/v1/alerts/alertmanager', 'post'),
      responsesOf('/api/v1/incidents', 'get'),
    ]) {
      const data = dataOf(responses, 400);
      expect(data.properties!.errors!.items!.required).toEqual(['field', 'message']);
    }
  });

  it('documents the answers that carry data besides the success: 202 and 502 of autofix, 503 of health', () => {
    const autofix = responsesOf('/api/v1/autofix', 'post');
    expect(Object.keys(autofix).sort()).toEqual(['200', '202', '400', '401', '404', '413', '502', '503']);
    expect(dataOf(autofix, 202).required).toEqual(['incident_id', 'incident_url']);
    expect(dataOf(autofix, 502).required).toContain('actions_taken');
    expect(dataOf(responsesOf('/api/v1/health', 'get'), 503).required).toContain('queues');
  });

  it('accepts a webhook with either the bearer token or basic auth', () => {
    expect(doc.paths['/api/v1/alerts/alertmanager']!.post!.security).toEqual([
      { webhookBearer: [] },
      { webhookBasic: [] },
    ]);
  });
});
