/** Parses Kubernetes REST paths (/api/v1/namespaces/NS/pods/NAME/log, /apis/apps/v1/deployments, ...). */
import { findResource, type ResourceType, resourceTypes } from './resources';

export interface ResourceRequest {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** For pods/proxy: the decoded path after `proxy` (with its leading slash), as the API server forwards it. */
  rest?: string;
  /** The legacy /watch/ path prefix was used. */
  watchPath: boolean;
}

/** Returns the resource request a path names, or undefined if it names none. */
export function parseResourcePath(pathname: string): ResourceRequest | undefined {
  const raw = pathname.split('/').slice(1);
  let group: string;
  let version: string;
  let rest: string[];
  if (raw[0] === 'api') {
    group = '';
    version = raw[1] ?? '';
    rest = raw.slice(2);
  } else if (raw[0] === 'apis') {
    group = raw[1] ?? '';
    version = raw[2] ?? '';
    rest = raw.slice(3);
  } else return undefined;
  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
  }
  const decoded = rest.map((s) => decodeURIComponent(s));
  if (decoded[0] === 'namespaces' && decoded.length >= 3) {
    const inner = findResource(group, version, decoded[2]!);
    if (inner?.namespaced) {
      return build(inner, decoded[1], decoded.slice(3), watchPath);
    }
  }
  const type = findResource(group, version, decoded[0] ?? '');
  if (!type) return undefined;
  if (type.namespaced && decoded.length > 1) return undefined;
  return build(type, undefined, decoded.slice(1), watchPath);
}

function build(
  type: ResourceType,
  namespace: string | undefined,
  segments: string[],
  watchPath: boolean,
): ResourceRequest | undefined {
  const [name, subresource] = segments;
  if (subresource && !type.subresources.includes(subresource)) return undefined;
  const request: ResourceRequest = { type, watchPath };
  if (namespace !== undefined) request.namespace = namespace;
  if (name !== undefined) request.name = name;
  if (subresource !== undefined) request.subresource = subresource;
  if (subresource === 'proxy' && type === resourceTypes.pods) {
    request.rest = `/${segments.slice(2).join('/')}`;
  } else if (segments.length > 2) return undefined;
  return request;
}
