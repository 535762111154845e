import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A plain HTTP endpoint for tests of outgoing webhooks: records what arrives, answers as told. */

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as sent (signatures are computed over it). */
  raw: string;
  /** The body parsed as JSON, or null when it is not JSON. */
  json: unknown;
}

export interface WebhookReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** Answers for the next requests, in order; after them every request gets the default answer. */
  replyNext(...replies: Array<WebhookReply | number>): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

export async function startWebhookReceiver(
  options: { path?: string; reply?: WebhookReply } = {},
): Promise<WebhookReceiver> {
  const path = options.path ?? '/hook';
  const fallback: WebhookReply = options.reply ?? { status: 204 };
  const queued: WebhookReply[] = [];
  const received: ReceivedRequest[] = [];

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => {
        const requestPath = new URL(req.url ?? '/', 'http://localhost').pathname;
        received.push({
          method: req.method ?? '',
          path: requestPath,
          headers: req.headers,
          raw,
          json: parseJson(raw),
        });
        const reply =
          requestPath === path ? (queued.shift() ?? fallback) : { status: 404, body: 'not found' };
        res.writeHead(reply.status, reply.headers).end(reply.body ?? '');
      })
      .catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    replyNext: (...replies) => {
      queued.push(...replies.map((r) => (typeof r === 'number' ? { status: r } : r)));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
