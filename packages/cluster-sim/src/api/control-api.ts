/**
 * The simulator's own control API under /sim/v1 (not Kubernetes), for users in another process:
 * read the clock, advance it, apply manifests, reset the cluster.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppliedObject } from '../manifests';
import { parseBody, readBody, sendJson } from './body';
import { ApiError, badRequest, methodNotAllowed, pathNotFound } from './status';

export interface ClockInfo {
  now: string;
  nowMs: number;
  speed: number;
  manual: boolean;
}

export interface SimControl {
  clock(): ClockInfo;
  advance(seconds: number): void;
  apply(manifests: string): AppliedObject[];
  reset(manifests: string): AppliedObject[];
}

async function manifestsFrom(req: IncomingMessage): Promise<string> {
  const text = await readBody(req);
  if (/json/i.test(req.headers['content-type'] ?? '')) {
    const body = parseBody(text, 'application/json') as { manifests?: unknown } | undefined;
    if (body !== undefined && typeof body.manifests !== 'string')
      throw badRequest('expected {"manifests": "<yaml>"}');
    return (body?.manifests as string | undefined) ?? '';
  }
  return text;
}

function wrap<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw badRequest(error instanceof Error ? error.message : String(error));
  }
}

export async function handleControl(
  control: SimControl,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? 'GET';
  switch (path) {
    case '/sim/v1/clock':
      if (method !== 'GET') throw methodNotAllowed();
      sendJson(res, 200, control.clock());
      return;
    case '/sim/v1/advance': {
      if (method !== 'POST') throw methodNotAllowed();
      const body = parseBody(await readBody(req), 'application/json') as { seconds?: unknown } | undefined;
      const seconds = body?.seconds;
      if (typeof seconds !== 'number' || !(seconds >= 0) || seconds > 7 * 24 * 3600) {
        throw badRequest('expected {"seconds": <number between 0 and 604800>}');
      }
      control.advance(seconds);
      sendJson(res, 200, control.clock());
      return;
    }
    case '/sim/v1/apply': {
      if (method !== 'POST') throw methodNotAllowed();
      const manifests = await manifestsFrom(req);
      sendJson(res, 200, { applied: wrap(() => control.apply(manifests)) });
      return;
    }
    case '/sim/v1/reset': {
      if (method !== 'POST') throw methodNotAllowed();
      const manifests = await manifestsFrom(req);
      sendJson(res, 200, { applied: wrap(() => control.reset(manifests)) });
      return;
    }
    default:
      throw pathNotFound();
  }
}
