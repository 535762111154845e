/**
 * The HTTP front of the simulated cluster: bearer-token authentication (401 as Kubernetes answers it),
 * discovery, resources, /metrics, health endpoints and the /sim/v1 control API. Errors become
 * Kubernetes `Status` bodies; after every write the controllers react before the next request.
 */
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Cluster } from '../cluster';
import { sendJson, sendText } from './body';
import { handleControl, type SimControl } from './control-api';
import { coreVersions, group, groupList, resourceList, versionInfo } from './discovery';
import { parseResourcePath } from './request-path';
import { handleResource } from './resource-handlers';
import { ApiError, pathNotFound, unauthorized } from './status';

export interface ApiServerOptions {
  cluster: Cluster;
  token: string;
  control: SimControl;
  onError: (error: unknown) => void;
  /** Serve HTTPS with this key and certificate; plain HTTP without. */
  tls?: { keyPem: string; certPem: string };
}

/** Readable without a token, as on a real cluster (and kube-state-metrics' /metrics). */
const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version', '/metrics']);

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  return header === `Bearer ${token}`;
}

export function createApiServer(options: ApiServerOptions): Server {
  const { cluster } = options;
  const listener: RequestListener = (req, res) => {
    route(options, req, res)
      .catch((error: unknown) => {
        if (error instanceof ApiError) {
          sendJson(res, error.code, error.toStatus());
          return;
        }
        options.onError(error);
        const message = error instanceof Error ? error.message : String(error);
        if (!res.headersSent)
          sendJson(
            res,
            500,
            new ApiError(500, 'InternalError', `Internal error occurred: ${message}`).toStatus(),
          );
        else res.end();
      })
      .finally(() => {
        if (req.method !== 'GET' && req.method !== 'HEAD') cluster.settle();
      });
  };
  return options.tls
    ? createTlsServer({ key: options.tls.keyPem, cert: options.tls.certPem }, listener)
    : createServer(listener);
}

async function route(options: ApiServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://cluster-sim.local');
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const hasCredentials = req.headers.authorization !== undefined;
  if ((!PUBLIC_PATHS.has(path) || hasCredentials) && !authorized(req, options.token)) throw unauthorized();
  const { cluster } = options;
  switch (path) {
    case '/healthz':
    case '/livez':
    case '/readyz':
      sendText(res, 200, 'ok');
      return;
    case '/version':
      sendJson(res, 200, versionInfo());
      return;
    case '/metrics':
      sendText(res, 200, cluster.metrics.render(cluster.now()), 'text/plain; version=0.0.4; charset=utf-8');
      return;
    case '/api':
      sendJson(res, 200, coreVersions(req.headers.host ?? '127.0.0.1'));
      return;
    case '/apis':
      sendJson(res, 200, groupList());
      return;
  }
  if (path.startsWith('/sim/v1/')) {
    await handleControl(options.control, path, req, res);
    return;
  }
  const discovery = discoveryDocument(path);
  if (discovery) {
    sendJson(res, 200, discovery);
    return;
  }
  const request = parseResourcePath(path);
  if (!request) throw pathNotFound();
  await handleResource(cluster, request, req, res, url.searchParams);
}

function discoveryDocument(path: string): Record<string, unknown> | undefined {
  if (path === '/api/v1') return resourceList('v1');
  const match = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!match) return undefined;
  return match[2] ? resourceList(`${match[1]}/${match[2]}`) : group(match[1]!);
}
