/**
 * Strategic merge patch, as the API server applies it to built-in types: lists of objects merge by
 * their patch merge key (containers by name, ports by containerPort, ...), other lists are replaced,
 * null deletes a field, and the `$patch`, `$retainKeys`, `$setElementOrder/` and
 * `$deleteFromPrimitiveList/` directives are honoured.
 */
import { isRecord } from '../kube/types';

const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  conditions: 'type',
  ownerReferences: 'uid',
  resourceClaims: 'name',
  topologySpreadConstraints: 'topologyKey',
};

/** Lists of strings whose patch strategy is "merge": the patch's items are added. */
const PRIMITIVE_MERGE_LISTS = new Set(['finalizers']);

const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

function mergeKeyFor(path: string[], kind: string): string | undefined {
  const field = path[path.length - 1];
  if (field === 'ports')
    return kind === 'Service' && path.length === 2 && path[0] === 'spec' ? 'port' : 'containerPort';
  return field ? MERGE_KEYS[field] : undefined;
}

/** Applies a strategic merge patch to `original`, an object of the given kind. */
export function applyStrategicMergePatch(original: unknown, patch: unknown, kind: string): unknown {
  return mergeValue(original, patch, [], kind);
}

function mergeValue(original: unknown, patch: unknown, path: string[], kind: string): unknown {
  if (!isRecord(patch)) return patch;
  if (patch.$patch === 'replace') return stripDirectives(patch);
  const result: Record<string, unknown> = isRecord(original) ? { ...original } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) {
      delete result[key];
    } else if (isRecord(value) && value.$patch === 'delete') {
      delete result[key];
    } else if (Array.isArray(value)) {
      result[key] = mergeList(result[key], value, [...path, key], kind);
    } else {
      result[key] = mergeValue(result[key], value, [...path, key], kind);
    }
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(DELETE_FROM) && Array.isArray(value)) {
      const field = key.slice(DELETE_FROM.length);
      const list = result[field];
      if (Array.isArray(list)) result[field] = list.filter((item) => !value.includes(item));
    }
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(SET_ORDER) && Array.isArray(value)) {
      const field = key.slice(SET_ORDER.length);
      const list = result[field];
      if (Array.isArray(list)) result[field] = reorder(list, value, mergeKeyFor([...path, field], kind));
    }
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const key of Object.keys(result)) if (!retain.includes(key)) delete result[key];
  }
  return result;
}

function mergeList(original: unknown, patch: unknown[], path: string[], kind: string): unknown[] {
  const field = path[path.length - 1] ?? '';
  const current = Array.isArray(original) ? original : [];
  if (PRIMITIVE_MERGE_LISTS.has(field)) {
    return [...current, ...patch.filter((item) => !current.includes(item))];
  }
  const key = mergeKeyFor(path, kind);
  if (!key || !patch.every(isRecord))
    return patch.map((item) => (isRecord(item) ? stripDirectives(item) : item));
  if (patch.some((item) => item.$patch === 'replace')) {
    return patch.filter((item) => item.$patch !== 'replace').map(stripDirectives);
  }
  const result = [...current];
  for (const item of patch) {
    const index = result.findIndex((existing) => isRecord(existing) && existing[key] === item[key]);
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
    } else if (index >= 0) {
      result[index] = mergeValue(result[index], item, path, kind);
    } else {
      result.push(mergeValue(undefined, item, path, kind));
    }
  }
  return result;
}

function reorder(list: unknown[], order: unknown[], key: string | undefined): unknown[] {
  const identity = (item: unknown) => (key && isRecord(item) ? item[key] : item);
  const wanted = order.map((entry) => (key && isRecord(entry) ? entry[key] : entry));
  const ordered = wanted.flatMap((id) => list.filter((item) => identity(item) === id));
  return [...ordered, ...list.filter((item) => !wanted.includes(identity(item)))];
}

function stripDirectives(value: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('$')) continue;
    result[key] = isRecord(child) ? stripDirectives(child) : child;
  }
  return result;
}
