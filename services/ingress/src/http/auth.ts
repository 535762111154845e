import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { fail } from './envelope';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface AuthOptions {
  /** The token, or the tokens any of which is accepted. */
  bearer?: string | string[];
  basic?: { user: string; password: string };
  realm: string;
  onRefused?: () => void;
}

/** Bearer token or basic auth, as Alertmanager's `http_config` sends them. */
export function requireAuth(options: AuthOptions): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    // RFC 9110: the scheme, then one or more spaces, then the credentials.
    const [, scheme, value = ''] = /^(\S+)\s+(.*)$/.exec(header.trim()) ?? [];
    let allowed = false;
    if (scheme?.toLowerCase() === 'bearer' && options.bearer) {
      allowed = [options.bearer].flat().some((token) => same(value.trim(), token));
    }
    if (scheme?.toLowerCase() === 'basic' && options.basic) {
      const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      allowed =
        colon > 0 &&
        same(decoded.slice(0, colon), options.basic.user) &&
        same(decoded.slice(colon + 1), options.basic.password);
    }
    if (allowed) return next();
    options.onRefused?.();
    const schemes = [
      options.bearer ? `Bearer realm="${options.realm}"` : '',
      options.basic ? `Basic realm="${options.realm}"` : '',
    ]
      .filter(Boolean)
      .join(', ');
    c.header('WWW-Authenticate', schemes);
    return fail(
      c,
      401,
      header ? 'invalid credentials' : 'credentials required: send Authorization: Bearer <token>',
    );
  };
}
