import type { Queues } from '@aiops/runtime';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';

export const DASHBOARD_PATH = '/admin/queues';

/** bull-board over every queue, behind basic auth (it has none of its own): operators inspect and retry jobs. */
export function mountDashboard(
  app: Hono,
  queues: Queues,
  credentials: { user: string; password: string },
): void {
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(queues).map((q) => new BullMQAdapter(q)),
    serverAdapter,
  });
  const auth = basicAuth({
    username: credentials.user,
    password: credentials.password,
    realm: 'aiops-dashboard',
  });
  app.use(DASHBOARD_PATH, auth);
  app.use(`${DASHBOARD_PATH}/*`, auth);
  app.route(DASHBOARD_PATH, serverAdapter.registerPlugin());
}
