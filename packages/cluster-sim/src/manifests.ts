/** Multi-document YAML manifests, applied like `kubectl apply`: created when new, merged onto the stored object otherwise. */
import { parseAllDocuments } from 'yaml';
import type { ObjectApi } from './api/object-api';
import { resourceForKind } from './api/resources';
import { ApiError } from './api/status';
import { isRecord, type KubeObject } from './kube/types';

export type ApplyAction = 'created' | 'configured' | 'unchanged';

export interface AppliedObject {
  kind: string;
  namespace?: string;
  name: string;
  action: ApplyAction;
}

/** Objects that others depend on are applied first, as kubectl's ordering does for namespaces. */
const APPLY_ORDER = ['Namespace', 'Node', 'ConfigMap', 'Service'];

export function parseManifests(yamlText: string): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const document of parseAllDocuments(yamlText)) {
    if (document.errors.length > 0) throw new Error(`invalid YAML: ${document.errors[0]?.message}`);
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    if (!isRecord(value)) throw new Error('each YAML document must be a Kubernetes object');
    if (value.kind === 'List' && Array.isArray(value.items)) {
      for (const item of value.items) if (isRecord(item)) objects.push(asObject(item));
    } else objects.push(asObject(value));
  }
  return objects;
}

function asObject(value: Record<string, unknown>): KubeObject {
  if (typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
    throw new Error('each object needs apiVersion and kind');
  }
  return { ...value, metadata: isRecord(value.metadata) ? value.metadata : {} } as unknown as KubeObject;
}

function rank(object: KubeObject): number {
  const index = APPLY_ORDER.indexOf(object.kind);
  return index === -1 ? APPLY_ORDER.length : index;
}

export function applyObjects(api: ObjectApi, objects: KubeObject[]): AppliedObject[] {
  const ordered = objects
    .map((object, index) => ({ object, index }))
    .sort((a, b) => rank(a.object) - rank(b.object) || a.index - b.index);
  return ordered.map(({ object }) => applyObject(api, object));
}

function applyObject(api: ObjectApi, object: KubeObject): AppliedObject {
  const type = resourceForKind(object.apiVersion, object.kind);
  if (!type) throw new Error(`the simulated cluster does not serve ${object.kind} (${object.apiVersion})`);
  const name = object.metadata.name ?? '';
  const namespace = type.namespaced ? object.metadata.namespace || 'default' : undefined;
  const result: AppliedObject = {
    kind: object.kind,
    name,
    ...(namespace ? { namespace } : {}),
    action: 'created',
  };
  let existing: KubeObject | undefined;
  try {
    existing = api.get(type, namespace, name);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 404) throw error;
  }
  if (!existing) {
    api.create(type, namespace, object);
    return result;
  }
  const patch = { ...object, metadata: { ...object.metadata } };
  delete patch.metadata.resourceVersion;
  const updated = api.patch(type, namespace, name, patch, 'apply');
  return {
    ...result,
    action:
      updated.metadata.resourceVersion === existing.metadata.resourceVersion ? 'unchanged' : 'configured',
  };
}
