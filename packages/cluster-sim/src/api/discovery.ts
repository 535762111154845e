/** Discovery documents: /version, /api, /api/v1, /apis, /apis/<group>, /apis/<group>/<version>. */
import { NODE_VERSION } from '../store/defaults';
import { apiVersionOf, RESOURCE_VERBS, RESOURCES, type ResourceType } from './resources';

export function versionInfo(): Record<string, string> {
  const [major, minor] = NODE_VERSION.slice(1).split('.');
  return {
    major: major ?? '1',
    minor: minor ?? '31',
    gitVersion: NODE_VERSION,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2024-12-10T00:00:00Z',
    goVersion: 'go1.22.9',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

const SUBRESOURCE_VERBS: Record<string, string[]> = {
  status: ['get', 'patch', 'update'],
  log: ['get'],
  proxy: ['create', 'delete', 'get', 'patch', 'update'],
};

const SUBRESOURCE_KINDS: Record<string, string> = { log: 'Pod', proxy: 'PodProxyOptions' };

function resourceEntries(type: ResourceType): Record<string, unknown>[] {
  const main = {
    name: type.plural,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: RESOURCE_VERBS,
    ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
    ...(type.categories.length ? { categories: type.categories } : {}),
  };
  const subresources = type.subresources.map((sub) => ({
    name: `${type.plural}/${sub}`,
    singularName: '',
    namespaced: type.namespaced,
    kind: SUBRESOURCE_KINDS[sub] ?? type.kind,
    verbs: SUBRESOURCE_VERBS[sub] ?? ['get'],
  }));
  return [main, ...subresources];
}

function groups(): Map<string, ResourceType[]> {
  const byGroupVersion = new Map<string, ResourceType[]>();
  for (const type of RESOURCES) {
    const key = apiVersionOf(type);
    byGroupVersion.set(key, [...(byGroupVersion.get(key) ?? []), type]);
  }
  return byGroupVersion;
}

export function coreVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDocument(name: string): Record<string, unknown> {
  const versions = [...groups().keys()]
    .filter((gv) => gv.startsWith(`${name}/`))
    .map((gv) => ({ groupVersion: gv, version: gv.slice(name.length + 1) }));
  return { name, versions, preferredVersion: versions[0] };
}

export function groupList(): Record<string, unknown> {
  const names = [...new Set(RESOURCES.filter((r) => r.group).map((r) => r.group))];
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: names.map(groupDocument) };
}

/** /apis/<group>, or undefined for an unknown group. */
export function group(name: string): Record<string, unknown> | undefined {
  if (!RESOURCES.some((r) => r.group === name)) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(name) };
}

/** /api/v1 or /apis/<group>/<version>, or undefined for an unknown group version. */
export function resourceList(groupVersion: string): Record<string, unknown> | undefined {
  const types = groups().get(groupVersion);
  if (!types) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: types.flatMap(resourceEntries),
  };
}
