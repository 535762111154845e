/** Field selectors (`fieldSelector=involvedObject.name=web,status.phase!=Running`) over the fields each resource indexes. */
import { badRequest } from '../api/status';
import type { KubeObject } from '../kube/types';

export interface FieldRequirement {
  field: string;
  negated: boolean;
  value: string;
}

type FieldGetter = (obj: KubeObject) => unknown;

const path =
  (...keys: string[]): FieldGetter =>
  (obj) => {
    let value: unknown = obj;
    for (const key of keys) {
      if (typeof value !== 'object' || value === null) return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  };

const COMMON: Record<string, FieldGetter> = {
  'metadata.name': path('metadata', 'name'),
  'metadata.namespace': path('metadata', 'namespace'),
};

/** The selectable fields per resource plural, as the real API server registers them. */
const FIELDS: Record<string, Record<string, FieldGetter>> = {
  pods: {
    'spec.nodeName': path('spec', 'nodeName'),
    'spec.restartPolicy': path('spec', 'restartPolicy'),
    'spec.schedulerName': path('spec', 'schedulerName'),
    'spec.serviceAccountName': path('spec', 'serviceAccountName'),
    'status.phase': path('status', 'phase'),
    'status.podIP': path('status', 'podIP'),
    'status.nominatedNodeName': path('status', 'nominatedNodeName'),
  },
  events: {
    'involvedObject.kind': path('involvedObject', 'kind'),
    'involvedObject.namespace': path('involvedObject', 'namespace'),
    'involvedObject.name': path('involvedObject', 'name'),
    'involvedObject.uid': path('involvedObject', 'uid'),
    'involvedObject.apiVersion': path('involvedObject', 'apiVersion'),
    'involvedObject.resourceVersion': path('involvedObject', 'resourceVersion'),
    'involvedObject.fieldPath': path('involvedObject', 'fieldPath'),
    reason: path('reason'),
    reportingComponent: path('reportingComponent'),
    source: path('source', 'component'),
    type: path('type'),
  },
  nodes: { 'spec.unschedulable': path('spec', 'unschedulable') },
  namespaces: { 'status.phase': path('status', 'phase') },
  replicasets: { 'status.replicas': path('status', 'replicas') },
};

export function parseFieldSelector(plural: string, text: string): FieldRequirement[] {
  const requirements: FieldRequirement[] = [];
  for (const raw of text.split(',')) {
    const term = raw.trim();
    if (!term) continue;
    const match = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);
    if (!match) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const field = match[1]!.trim();
    if (!getterFor(plural, field)) throw badRequest(`field label not supported: ${field}`);
    requirements.push({ field, negated: match[2] === '!=', value: match[3]!.trim() });
  }
  return requirements;
}

function getterFor(plural: string, field: string): FieldGetter | undefined {
  return COMMON[field] ?? FIELDS[plural]?.[field];
}

export function matchesFields(plural: string, requirements: FieldRequirement[], obj: KubeObject): boolean {
  return requirements.every((r) => {
    const raw = getterFor(plural, r.field)?.(obj);
    const value = raw === undefined || raw === null ? '' : String(raw);
    return r.negated ? value !== r.value : value === r.value;
  });
}
