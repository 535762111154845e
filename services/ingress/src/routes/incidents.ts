import { IncidentListQuerySchema, IncidentListSchema, IncidentSchema } from '@aiops/contracts';
import type { IncidentStore } from '@aiops/runtime';
import { Hono } from 'hono';
import { describeIssues, fail, ok } from '../http/envelope';
import type { ApiOperation } from '../openapi/document';

export function incidentRoutes(store: IncidentStore): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const query = IncidentListQuerySchema.safeParse(c.req.query());
    if (!query.success) {
      const issues = describeIssues(query.error);
      return fail(c, 400, issues.message, { errors: issues.errors });
    }
    return ok(c, { incidents: await store.list(query.data) });
  });
  app.get('/:id/report', async (c) => {
    const incident = await store.get(c.req.param('id'));
    if (!incident?.rca) return fail(c, 404, `no RCA report for incident ${c.req.param('id')}`);
    return c.body(incident.rca.report, 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
  });
  app.get('/:id/charts/:name', async (c) => {
    const svg = await store.chart(c.req.param('id'), c.req.param('name').replace(/\.svg$/, ''));
    return svg ? c.body(svg, 200, { 'Content-Type': 'image/svg+xml' }) : fail(c, 404, 'no such chart');
  });
  app.get('/:id', async (c) => {
    const incident = await store.get(c.req.param('id'));
    return incident ? ok(c, incident) : fail(c, 404, `no incident ${c.req.param('id')}`);
  });
  return app;
}

export const incidentOperations: ApiOperation[] = [
  {
    method: 'get',
    auth: 'read',
    path: '/api/v1/incidents',
    tag: 'incidents',
    summary: 'Incidents, newest first',
    query: IncidentListQuerySchema,
    data: IncidentListSchema,
  },
  {
    method: 'get',
    auth: 'read',
    path: '/api/v1/incidents/:id',
    tag: 'incidents',
    summary: 'One incident: alerts, timeline, anomalies, findings, RCA, plan, actions, notifications',
    data: IncidentSchema,
    errors: [404],
  },
  {
    method: 'get',
    auth: 'read',
    path: '/api/v1/incidents/:id/report',
    tag: 'incidents',
    summary: 'The RCA report (markdown); its charts are at charts/<name>.svg',
    produces: 'text/markdown',
    errors: [404],
  },
  {
    method: 'get',
    auth: 'read',
    path: '/api/v1/incidents/:id/charts/:name',
    tag: 'incidents',
    summary: 'A chart of the RCA report (SVG, the onset marked)',
    produces: 'image/svg+xml',
    errors: [404],
  },
];
