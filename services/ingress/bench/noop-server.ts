import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/** The baseline for the ingress benchmark: the same framework and server, doing nothing with the body. */
const app = new Hono().post('/noop', async (c) => {
  await c.req.text();
  return c.json({ code: 0, message: 'accepted', data: null }, 202);
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.stdout.write(
    `${JSON.stringify({ msg: 'noop listening', url: `http://127.0.0.1:${info.port}` })}\n`,
  );
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
