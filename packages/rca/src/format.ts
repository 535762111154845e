/** ISO 8601 UTC time of a Unix millisecond instant. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** `+1m05s`-style offset of a time from a reference, for evidence text. */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const total = Math.round(Math.abs(ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${sign}${minutes}m${String(seconds).padStart(2, '0')}s` : `${sign}${seconds}s`;
}

/** A number with about three significant digits, stable across platforms. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 1000) return value.toFixed(0);
  if (abs >= 100) return value.toFixed(1).replace(/\.0$/, '');
  if (abs >= 1) return value.toFixed(2).replace(/\.?0+$/, '');
  return value.toPrecision(3).replace(/\.?0+$/, '');
}
