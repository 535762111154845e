import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Hono's bodyLimit reads every body through a web stream, which costs more than the rest of a webhook. A body
 * with a Content-Length (what Alertmanager sends) is judged by that header, which Node's parser holds the body
 * to; only a chunked body goes through the streaming limit.
 */
export function limitBody(maxSize: number, onError: (c: Context) => Response): MiddlewareHandler {
  const streaming = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return streaming(c, next);
    if (Number(declared) > maxSize) return onError(c);
    await next();
  };
}
