/** NAB timestamps are UTC wall-clock strings: `YYYY-MM-DD HH:MM:SS` in data, with `.ffffff` in labels. */
export function parseNabTimestamp(text: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?/.exec(text.trim());
  if (!match) throw new Error(`not a NAB timestamp: ${JSON.stringify(text)}`);
  const fraction = match[3] ? match[3].slice(0, 4).padEnd(4, '0') : '.000';
  const ms = Date.parse(`${match[1]}T${match[2]}${fraction}Z`);
  if (Number.isNaN(ms)) throw new Error(`not a NAB timestamp: ${JSON.stringify(text)}`);
  return ms;
}

export function formatNabTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
