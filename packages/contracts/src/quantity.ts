/** Kubernetes resource quantities ("100m", "128Mi", "1.5", "2e3") as plain numbers of base units: the wire format
 * of every resource request and limit, read by the simulated cluster and the fixer alike. */

const SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/** Parses a quantity; undefined when it is not one. */
export function tryParseQuantity(value: string | number | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const base = Number(match[1]);
  if (match[2]) return base * 10 ** Number(match[2].slice(1));
  return base * (SUFFIXES[match[3] ?? ''] ?? 1);
}

/** Parses a quantity, throwing on anything that is not one. */
export function parseQuantity(value: string | number): number {
  const parsed = tryParseQuantity(value);
  if (parsed === undefined)
    throw new Error(`quantities must match the regular expression '${QUANTITY.source}'`);
  return parsed;
}

/** Sum of a resource over a map of quantities, treating an absent or malformed entry as 0. */
export function quantityOf(map: Record<string, string | number> | undefined, resource: string): number {
  return tryParseQuantity(map?.[resource]) ?? 0;
}
