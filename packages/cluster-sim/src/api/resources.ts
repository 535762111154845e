/** The resource types the simulated API server serves, as discovery describes them. */

export interface ResourceType {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** Subresources served beside the object itself. */
  subresources: string[];
  /** Whether PUT/PATCH on the object keep its status (status then changes only through /status). */
  hasStatus: boolean;
  /** Whether spec changes bump metadata.generation. */
  tracksGeneration: boolean;
}

/** Every resource serves every verb. */
export const RESOURCE_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

function resource(
  partial: Omit<ResourceType, 'version' | 'categories' | 'tracksGeneration'> & Partial<ResourceType>,
) {
  return { version: 'v1', categories: [], tracksGeneration: false, ...partial } satisfies ResourceType;
}

const NAMESPACES = resource({
  group: '',
  plural: 'namespaces',
  singular: 'namespace',
  kind: 'Namespace',
  namespaced: false,
  shortNames: ['ns'],
  subresources: ['status'],
  hasStatus: true,
});
const NODES = resource({
  group: '',
  plural: 'nodes',
  singular: 'node',
  kind: 'Node',
  namespaced: false,
  shortNames: ['no'],
  subresources: ['status'],
  hasStatus: false,
});
const PODS = resource({
  group: '',
  plural: 'pods',
  singular: 'pod',
  kind: 'Pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  subresources: ['status', 'log', 'proxy'],
  hasStatus: true,
});
const EVENTS = resource({
  group: '',
  plural: 'events',
  singular: 'event',
  kind: 'Event',
  namespaced: true,
  shortNames: ['ev'],
  subresources: [],
  hasStatus: false,
});
const SERVICES = resource({
  group: '',
  plural: 'services',
  singular: 'service',
  kind: 'Service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  subresources: ['status'],
  hasStatus: true,
});
const CONFIGMAPS = resource({
  group: '',
  plural: 'configmaps',
  singular: 'configmap',
  kind: 'ConfigMap',
  namespaced: true,
  shortNames: ['cm'],
  subresources: [],
  hasStatus: false,
});
const DEPLOYMENTS = resource({
  group: 'apps',
  plural: 'deployments',
  singular: 'deployment',
  kind: 'Deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  subresources: ['status'],
  hasStatus: true,
  tracksGeneration: true,
});
const REPLICASETS = resource({
  group: 'apps',
  plural: 'replicasets',
  singular: 'replicaset',
  kind: 'ReplicaSet',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  subresources: ['status'],
  hasStatus: true,
  tracksGeneration: true,
});

export const RESOURCES: readonly ResourceType[] = [
  NAMESPACES,
  NODES,
  PODS,
  EVENTS,
  SERVICES,
  CONFIGMAPS,
  DEPLOYMENTS,
  REPLICASETS,
];

/** The served resource types by plural name. */
export const resourceTypes = {
  namespaces: NAMESPACES,
  nodes: NODES,
  pods: PODS,
  events: EVENTS,
  services: SERVICES,
  configmaps: CONFIGMAPS,
  deployments: DEPLOYMENTS,
  replicasets: REPLICASETS,
};

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** "deployments.apps" or "pods": how Kubernetes names a resource in its messages. */
export function groupResourceOf(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

/** "Deployment.apps" or "Pod": how Kubernetes names a kind in validation messages. */
export function groupKindOf(type: ResourceType): string {
  return type.group ? `${type.kind}.${type.group}` : type.kind;
}

export function findResource(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);
}

export function resourceForKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCES.find((r) => apiVersionOf(r) === apiVersion && r.kind === kind);
}
