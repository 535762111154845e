/** HTTP verbs on resources and their subresources, translated to the object API, watches, logs and proxying. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Cluster } from '../cluster';
import type { KubeObject, Pod } from '../kube/types';
import { patchKindOf } from '../patch/apply-patch';
import { parseFieldSelector } from '../selectors/field-selector';
import { parseLabelSelector } from '../selectors/label-selector';
import { parseBody, readBody, sendJson, sendText } from './body';
import type { ListOptions } from './object-api';
import { podLog } from './pod-log';
import { parseProxyName, proxyToPod } from './pod-proxy';
import type { ResourceRequest } from './request-path';
import { apiVersionOf, type ResourceType, resourceTypes } from './resources';
import { badRequest, methodNotAllowed } from './status';
import { type IncludeObject, toTable, wantsTable } from './table';
import { serveWatch } from './watch';

function integer(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw badRequest(`${name}: invalid value "${value}"`);
  return parsed;
}

function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value === 'true' || value === '1';
}

function listOptions(request: ResourceRequest, query: URLSearchParams): ListOptions {
  const options: ListOptions = {};
  const labels = query.get('labelSelector');
  const fields = query.get('fieldSelector');
  if (labels) options.labelSelector = parseLabelSelector(labels);
  if (fields) options.fieldSelector = parseFieldSelector(request.type.plural, fields);
  return options;
}

function includeObject(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

function isDryRun(query: URLSearchParams, body?: unknown): boolean {
  if (query.getAll('dryRun').includes('All')) return true;
  const dryRun = (body as { dryRun?: unknown } | undefined)?.dryRun;
  return Array.isArray(dryRun) && dryRun.includes('All');
}

export async function handleResource(
  cluster: Cluster,
  request: ResourceRequest,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const method = req.method ?? 'GET';
  const { type, namespace, name, subresource } = request;
  const api = cluster.api;
  const now = cluster.now();
  const accept = req.headers.accept;

  if (subresource === 'log') {
    if (method !== 'GET') throw methodNotAllowed();
    const pod = api.get(type, namespace, name ?? '') as Pod;
    const text = podLog(
      cluster.kubelet,
      pod,
      {
        previous: flag(query, 'previous'),
        timestamps: flag(query, 'timestamps'),
        ...(query.get('container') ? { container: query.get('container') ?? '' } : {}),
        ...(integer(query, 'tailLines') !== undefined ? { tailLines: integer(query, 'tailLines') } : {}),
        ...(integer(query, 'sinceSeconds') !== undefined
          ? { sinceSeconds: integer(query, 'sinceSeconds') }
          : {}),
        ...(integer(query, 'limitBytes') !== undefined ? { limitBytes: integer(query, 'limitBytes') } : {}),
      },
      now,
    );
    sendText(res, 200, text);
    return;
  }

  if (subresource === 'proxy') {
    const target = parseProxyName(name ?? '');
    const pod = api.get(type, namespace, target.name) as Pod;
    const answer = proxyToPod(cluster.kubelet, pod, target.port, request.rest ?? '/', now);
    sendText(res, answer.status, method === 'HEAD' ? '' : answer.body);
    return;
  }

  if (name === undefined) {
    if (method === 'GET') {
      const options = listOptions(request, query);
      if (flag(query, 'watch') || request.watchPath) {
        serveWatch(req, res, cluster.store, cluster.clock, {
          type,
          namespace,
          options,
          resourceVersion: query.get('resourceVersion') ?? undefined,
          sendInitialEvents: flag(query, 'sendInitialEvents'),
          timeoutSeconds: integer(query, 'timeoutSeconds'),
          table: wantsTable(accept) ? includeObject(query) : undefined,
        });
        return;
      }
      const list = api.list(type, namespace, options);
      if (wantsTable(accept)) {
        sendJson(
          res,
          200,
          toTable(type, list.items, list.metadata.resourceVersion, now, includeObject(query)),
        );
      } else sendJson(res, 200, list);
      return;
    }
    if (method === 'POST') {
      const body = parseBody(await readBody(req), req.headers['content-type']);
      const created = api.create(type, namespace, body, { dryRun: isDryRun(query) });
      sendJson(res, 201, created);
      return;
    }
    if (method === 'DELETE') {
      const options = listOptions(request, query);
      const dryRun = isDryRun(query);
      const items = api.list(type, namespace, options).items;
      for (const item of items)
        api.delete(type, item.metadata.namespace, item.metadata.name ?? '', { dryRun });
      sendJson(res, 200, {
        apiVersion: apiVersionOf(type),
        kind: `${type.kind}List`,
        metadata: { resourceVersion: String(cluster.store.revision) },
        items,
      });
      return;
    }
    throw methodNotAllowed();
  }

  if (subresource && subresource !== 'status') throw methodNotAllowed();
  switch (method) {
    case 'GET': {
      if (flag(query, 'watch') || request.watchPath) {
        serveWatch(req, res, cluster.store, cluster.clock, {
          type,
          namespace,
          options: { fieldSelector: parseFieldSelector(type.plural, `metadata.name=${name}`) },
          resourceVersion: query.get('resourceVersion') ?? undefined,
          sendInitialEvents: flag(query, 'sendInitialEvents'),
          timeoutSeconds: integer(query, 'timeoutSeconds'),
          table: wantsTable(accept) ? includeObject(query) : undefined,
        });
        return;
      }
      const object = api.get(type, namespace, name);
      if (wantsTable(accept)) {
        sendJson(
          res,
          200,
          toTable(type, [object], object.metadata.resourceVersion ?? '', now, includeObject(query)),
        );
      } else sendJson(res, 200, object);
      return;
    }
    case 'PUT': {
      const body = parseBody(await readBody(req), req.headers['content-type']);
      const options = { dryRun: isDryRun(query), ...(subresource ? { subresource } : {}) };
      sendJson(res, 200, api.replace(type, namespace, name, body, options));
      return;
    }
    case 'PATCH': {
      const kind = patchKindOf(req.headers['content-type']);
      const body = parseBody(await readBody(req), kind === 'apply' ? 'application/yaml' : 'application/json');
      if (body === undefined) throw badRequest('the request body of a patch may not be empty');
      const options = { dryRun: isDryRun(query), ...(subresource ? { subresource } : {}) };
      sendJson(res, 200, api.patch(type, namespace, name, body, kind, options));
      return;
    }
    case 'DELETE': {
      if (subresource) throw methodNotAllowed();
      const body = parseBody(await readBody(req), req.headers['content-type']) as
        | { gracePeriodSeconds?: number }
        | undefined;
      const grace = integer(query, 'gracePeriodSeconds') ?? body?.gracePeriodSeconds;
      const deleted = api.delete(type, namespace, name, {
        dryRun: isDryRun(query, body),
        ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
      });
      sendJson(res, 200, deletedResponse(type, deleted));
      return;
    }
    default:
      throw methodNotAllowed();
  }
}

/** Pods answer with the (terminating) pod; other objects, deleted at once, with a Success status. */
function deletedResponse(type: ResourceType, object: KubeObject): unknown {
  if (type === resourceTypes.pods) return object;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: {
      name: object.metadata.name,
      ...(type.group ? { group: type.group } : {}),
      kind: type.plural,
      uid: object.metadata.uid,
    },
  };
}
