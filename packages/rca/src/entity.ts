import type { ResourceRef } from '@aiops/contracts';

/** A stable string key for an entity, used for maps and deterministic ordering. */
export function entityKey(entity: ResourceRef): string {
  return `${entity.kind}/${entity.namespace ?? ''}/${entity.name}`;
}

/** The labels that name an entity on an anomaly: `{ <kind>: name, namespace }`. */
export function entityLabels(entity: ResourceRef): Record<string, string> {
  return { [entity.kind]: entity.name, ...(entity.namespace ? { namespace: entity.namespace } : {}) };
}

/** Human-readable name: `service/cart` or `pod/shop/cart-7d9f-x2`. */
export function entityLabel(entity: ResourceRef): string {
  return entity.namespace
    ? `${entity.kind}/${entity.namespace}/${entity.name}`
    : `${entity.kind}/${entity.name}`;
}
