import type { FieldChange } from '@aiops/contracts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Lists keyed by `name` (containers, env, ports...) are compared by name, as strategic merge patches do. */
function keyOf(list: Json[]): ((item: Json, i: number) => string) | undefined {
  return list.length > 0 && list.every((i) => isObject(i) && typeof i.name === 'string')
    ? (item) => `[${(item as { name: string }).name}]`
    : undefined;
}

function walk(before: Json | undefined, after: Json | undefined, path: string, out: FieldChange[]): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      walk(before[key], after[key], `${path}.${key}`, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = keyOf(before) && keyOf(after) ? keyOf(before) : undefined;
    if (key) {
      const index = (list: Json[]) => new Map(list.map((item, i) => [key(item, i), item]));
      const a = index(before);
      const b = index(after);
      for (const k of new Set([...a.keys(), ...b.keys()])) walk(a.get(k), b.get(k), `${path}${k}`, out);
      return;
    }
    if (before.length === after.length) {
      for (const [i, item] of before.entries()) walk(item, after[i], `${path}[${i}]`, out);
      return;
    }
  }
  out.push({ path, before: before ?? null, after: after ?? null });
}

/** Every leaf that differs between two objects, as paths such as `spec.template.spec.containers[api].image`. */
export function diffObjects(before: unknown, after: unknown, base: string): FieldChange[] {
  const out: FieldChange[] = [];
  walk(JSON.parse(JSON.stringify(before ?? null)), JSON.parse(JSON.stringify(after ?? null)), base, out);
  return out;
}
