/**
 * Watches: a chunked stream of JSON lines `{"type":"ADDED|MODIFIED|DELETED","object":...}`, starting
 * with the current objects (no resourceVersion, "0", or sendInitialEvents) or resuming after a given
 * resourceVersion (410 Gone when that is too old), filtered by namespace and selectors.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimClock } from '../clock';
import type { KubeObject } from '../kube/types';
import type { ObjectStore, WatchEventType } from '../store/object-store';
import { type ListOptions, matchesListOptions } from './object-api';
import type { ResourceType } from './resources';
import { gone } from './status';
import { type IncludeObject, toTable } from './table';

export interface WatchRequest {
  type: ResourceType;
  namespace: string | undefined;
  options: ListOptions;
  resourceVersion: string | undefined;
  sendInitialEvents: boolean;
  timeoutSeconds: number | undefined;
  table: IncludeObject | undefined;
}

const DEFAULT_TIMEOUT_SECONDS = 30 * 60;

export function serveWatch(
  req: IncomingMessage,
  res: ServerResponse,
  store: ObjectStore,
  clock: SimClock,
  watch: WatchRequest,
): void {
  const { type, namespace, options } = watch;
  const inScope = (object: KubeObject) =>
    !namespace || !type.namespaced || object.metadata.namespace === namespace;
  const matches = (object: KubeObject) => inScope(object) && matchesListOptions(type, object, options);
  const shown = (object: KubeObject) =>
    watch.table
      ? toTable(type, [object], object.metadata.resourceVersion ?? '', clock.now(), watch.table)
      : object;
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache',
  });
  res.flushHeaders();
  const send = (eventType: WatchEventType | 'BOOKMARK' | 'ERROR', object: unknown) => {
    if (!res.writableEnded) res.write(`${JSON.stringify({ type: eventType, object })}\n`);
  };
  const known = new Set<string>();
  const key = (object: KubeObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;

  const requested = watch.resourceVersion;
  if (!requested || requested === '0' || watch.sendInitialEvents) {
    for (const object of store.list(type, namespace)) {
      if (!matches(object)) continue;
      known.add(key(object));
      send('ADDED', shown(object));
    }
    if (watch.sendInitialEvents) {
      send('BOOKMARK', {
        kind: type.kind,
        apiVersion: type.group ? `${type.group}/${type.version}` : type.version,
        metadata: {
          resourceVersion: String(store.revision),
          annotations: { 'k8s.io/initial-events-end': 'true' },
        },
      });
    }
  } else {
    const changes = store.changesSince(Number(requested));
    if (changes === undefined || Number.isNaN(Number(requested))) {
      send('ERROR', gone(`too old resource version: ${requested} (${store.oldestResumable})`).toStatus());
      res.end();
      return;
    }
    for (const object of store.list(type, namespace)) if (matches(object)) known.add(key(object));
    for (const change of changes) {
      if (change.resource === type && matches(change.object)) send(change.type, shown(change.object));
    }
  }

  const unsubscribe = store.subscribe((change) => {
    if (change.resource !== type || !inScope(change.object)) return;
    const id = key(change.object);
    const nowMatches = matchesListOptions(type, change.object, options);
    if (change.type === 'DELETED') {
      if (known.delete(id)) send('DELETED', shown(change.object));
    } else if (nowMatches) {
      send(known.has(id) ? 'MODIFIED' : 'ADDED', shown(change.object));
      known.add(id);
    } else if (known.delete(id)) {
      send('DELETED', shown(change.object));
    }
  });
  const timer = setTimeout(() => res.end(), (watch.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000);
  timer.unref();
  const stop = () => {
    unsubscribe();
    clearTimeout(timer);
  };
  res.on('close', stop);
  req.on('close', stop);
}
