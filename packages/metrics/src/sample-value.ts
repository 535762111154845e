/**
 * Reads a sample value as Prometheus writes it ("1.5", "1e3", "NaN", "+Inf", "-Inf"); undefined when it is not a number.
 * Number() alone turns "" into 0 and does not know "+Inf".
 */
export function parseSampleValue(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (lower === '+inf' || lower === 'inf' || lower === '+infinity' || lower === 'infinity') {
    return Number.POSITIVE_INFINITY;
  }
  if (lower === '-inf' || lower === '-infinity') return Number.NEGATIVE_INFINITY;
  if (text.trim() === '' || text !== text.trim()) return undefined;
  const value = Number(text);
  return Number.isNaN(value) ? undefined : value;
}
