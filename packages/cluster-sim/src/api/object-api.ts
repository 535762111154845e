/**
 * The API server's object semantics, shared by the HTTP handlers and `apply()`: create with generated
 * names, uids and defaults; update and patch with optimistic concurrency (a stale resourceVersion is a
 * 409 Conflict), status kept apart from spec, generation bumped on spec changes; dryRun; graceful pod
 * deletion; validation as 422 Invalid.
 */
import type { SimClock } from '../clock';
import { canonicalJson, type Random, randomSuffix, randomUid } from '../controller/names';
import { formatTime } from '../kube/time';
import { cloneJson, isRecord, type KubeObject, type PodSpec } from '../kube/types';
import { applyPatch, type PatchKind } from '../patch/apply-patch';
import { type FieldRequirement, matchesFields } from '../selectors/field-selector';
import { matchesLabels, type Selector } from '../selectors/label-selector';
import { applyDefaults, defaultNode } from '../store/defaults';
import type { ObjectStore } from '../store/object-store';
import { validateObject } from '../store/validation';
import { apiVersionOf, RESOURCES, type ResourceType, resourceTypes } from './resources';
import { alreadyExists, badRequest, conflict, notFound } from './status';

export interface WriteOptions {
  dryRun?: boolean;
  subresource?: string;
}

export interface ListOptions {
  labelSelector?: Selector;
  fieldSelector?: FieldRequirement[];
}

export interface ObjectList {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string };
  items: KubeObject[];
}

export class ObjectApi {
  constructor(
    private readonly store: ObjectStore,
    private readonly clock: SimClock,
    private readonly random: Random,
  ) {}

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const object = this.store.get(type, namespace, name);
    if (!object) throw notFound(type, name);
    return object;
  }

  list(type: ResourceType, namespace: string | undefined, options: ListOptions = {}): ObjectList {
    const items = this.store.list(type, namespace).filter((o) => matchesListOptions(type, o, options));
    return {
      apiVersion: apiVersionOf(type),
      kind: `${type.kind}List`,
      metadata: { resourceVersion: String(this.store.revision) },
      items,
    };
  }

  create(
    type: ResourceType,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions = {},
  ): KubeObject {
    const object = this.asObject(type, body);
    const meta = object.metadata;
    if (type.namespaced) {
      if (namespace && meta.namespace && meta.namespace !== namespace) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      meta.namespace = meta.namespace || namespace || 'default';
      if (!this.store.get(resourceTypes.namespaces, undefined, meta.namespace)) {
        throw notFound(resourceTypes.namespaces, meta.namespace);
      }
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix(this.random)}`;
    if (meta.name && this.store.get(type, meta.namespace, meta.name)) throw alreadyExists(type, meta.name);
    const now = this.clock.now();
    meta.uid = randomUid(this.random);
    meta.creationTimestamp = formatTime(now);
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (type.tracksGeneration) meta.generation = 1;
    else delete meta.generation;
    if (type.hasStatus) object.status = initialStatus(object);
    applyDefaults(object);
    if (object.kind === 'Node')
      defaultNode(object, this.store.list(resourceTypes.nodes).length, formatTime(now));
    if (object.kind === 'Service') this.allocateClusterIp(object);
    validateObject(type, object, undefined);
    if (options.dryRun) return object;
    return this.store.create(type, object);
  }

  replace(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions = {},
  ): KubeObject {
    const existing = this.get(type, namespace, name);
    const object = this.asObject(type, body);
    if (object.metadata.name && object.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const version = object.metadata.resourceVersion;
    if (version && version !== existing.metadata.resourceVersion) throw conflict(type, name);
    return this.write(type, existing, object, options);
  }

  patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    kind: PatchKind,
    options: WriteOptions = {},
  ): KubeObject {
    const existing = this.store.get(type, namespace, name);
    if (!existing) {
      if (kind === 'apply' && !options.subresource) return this.create(type, namespace, patch, options);
      throw notFound(type, name);
    }
    const patched = applyPatch(cloneJson(existing), patch, kind, type.kind);
    if (!isRecord(patched)) throw badRequest('the patch did not produce an object');
    const object = this.asObject(type, patched);
    const version = object.metadata.resourceVersion;
    if (version && version !== existing.metadata.resourceVersion) throw conflict(type, name);
    if (object.metadata.name !== name) throw badRequest('metadata.name may not be changed by a patch');
    return this.write(type, existing, object, options);
  }

  /** Deletes an object. Pods on a node terminate gracefully: they get a deletionTimestamp and the kubelet removes them. */
  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    options: { dryRun?: boolean; gracePeriodSeconds?: number } = {},
  ): KubeObject {
    const existing = this.get(type, namespace, name);
    if (options.dryRun) return existing;
    if (type === resourceTypes.pods) {
      const spec = existing.spec as PodSpec;
      const phase = (existing.status as { phase?: string } | undefined)?.phase;
      const grace = options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
      if (spec.nodeName && grace > 0 && phase !== 'Succeeded' && phase !== 'Failed') {
        if (existing.metadata.deletionTimestamp) return existing;
        return this.store.update(type, {
          ...existing,
          metadata: {
            ...existing.metadata,
            deletionTimestamp: formatTime(this.clock.now() + grace * 1000),
            deletionGracePeriodSeconds: grace,
          },
        });
      }
    }
    if (type === resourceTypes.namespaces) {
      for (const namespaced of RESOURCES.filter((r) => r.namespaced)) {
        for (const object of this.store.list(namespaced, name)) {
          this.store.delete(namespaced, name, object.metadata.name ?? '');
        }
      }
    }
    return this.store.delete(type, namespace, name) ?? existing;
  }

  private write(
    type: ResourceType,
    existing: KubeObject,
    incoming: KubeObject,
    options: WriteOptions,
  ): KubeObject {
    const object =
      options.subresource === 'status' ? { ...cloneJson(existing), status: incoming.status } : incoming;
    object.metadata = {
      ...object.metadata,
      namespace: existing.metadata.namespace,
      name: existing.metadata.name,
      uid: existing.metadata.uid,
      creationTimestamp: existing.metadata.creationTimestamp,
      resourceVersion: existing.metadata.resourceVersion,
      generation: existing.metadata.generation,
      deletionTimestamp: existing.metadata.deletionTimestamp,
      deletionGracePeriodSeconds: existing.metadata.deletionGracePeriodSeconds,
    };
    dropUndefined(object.metadata);
    if (options.subresource !== 'status') {
      if (type.hasStatus) object.status = cloneJson(existing.status);
      applyDefaults(object);
      if (object.kind === 'Namespace') object.status = cloneJson(existing.status);
      if (type.tracksGeneration && canonicalJson(object.spec) !== canonicalJson(existing.spec)) {
        object.metadata.generation = (existing.metadata.generation ?? 0) + 1;
      }
      validateObject(type, object, existing);
    }
    if (canonicalJson(object) === canonicalJson(existing)) return existing;
    if (options.dryRun) return object;
    return this.store.update(type, object);
  }

  private asObject(type: ResourceType, body: unknown): KubeObject {
    if (!isRecord(body)) throw badRequest('the body of the request must be a JSON object');
    const object = cloneJson(body) as KubeObject;
    const apiVersion = apiVersionOf(type);
    if (object.apiVersion && object.apiVersion !== apiVersion) {
      throw badRequest(
        `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersion})`,
      );
    }
    if (object.kind && object.kind !== type.kind) {
      throw badRequest(
        `the kind in the data (${object.kind}) does not match the expected kind (${type.kind})`,
      );
    }
    object.apiVersion = apiVersion;
    object.kind = type.kind;
    object.metadata = isRecord(object.metadata) ? object.metadata : {};
    return object;
  }

  private allocateClusterIp(service: KubeObject): void {
    const spec = service.spec as { clusterIP?: string; clusterIPs?: string[] };
    if (spec.clusterIP === 'None') return;
    if (!spec.clusterIP) {
      const used = new Set(
        this.store.list(resourceTypes.services).map((s) => (s.spec as { clusterIP?: string }).clusterIP),
      );
      for (let i = 1; i < 65_000; i++) {
        const ip = `10.96.${Math.floor(i / 254)}.${(i % 254) + 1}`;
        if (!used.has(ip)) {
          spec.clusterIP = ip;
          break;
        }
      }
    }
    spec.clusterIPs = [spec.clusterIP ?? ''];
  }
}

function initialStatus(object: KubeObject): unknown {
  switch (object.kind) {
    case 'Pod':
      return { phase: 'Pending' };
    case 'Service':
      return { loadBalancer: {} };
    case 'Namespace':
      return { phase: 'Active' };
    default:
      return {};
  }
}

/** Whether an object passes the list options (also used by watches). */
export function matchesListOptions(type: ResourceType, object: KubeObject, options: ListOptions): boolean {
  if (options.labelSelector && !matchesLabels(options.labelSelector, object.metadata.labels)) return false;
  if (options.fieldSelector && !matchesFields(type.plural, options.fieldSelector, object)) return false;
  return true;
}

function dropUndefined(record: object): void {
  for (const [key, value] of Object.entries(record))
    if (value === undefined) Reflect.deleteProperty(record, key);
}
