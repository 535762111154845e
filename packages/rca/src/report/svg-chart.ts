import { formatNumber } from '../format';

export interface LineChartSpec {
  title: string;
  /** Unix ms. */
  timestamps: readonly number[];
  values: readonly number[];
  unit: string;
  /** A vertical marker for the anomaly's onset (Unix ms). */
  onset?: number | null;
  /** A vertical marker for when the incident was noticed (Unix ms). */
  alert?: number | null;
  /** A horizontal dashed line at the baseline median. */
  baseline?: number | null;
}

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { left: 70, right: 20, top: 32, bottom: 44 };
const MAX_POINTS = 800;
const TIME_STEPS_MS = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map(
  (s) => s * 1000,
);

/**
 * A self-contained SVG line chart: time axis in UTC, value axis with its unit, the onset as a red
 * vertical line, the alert as a grey one, the baseline median dashed. Same input, same bytes.
 */
export function renderLineChart(spec: LineChartSpec): string {
  const points = decimate(spec.timestamps, spec.values);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const t0 = spec.timestamps[0] ?? 0;
  const t1 = Math.max(spec.timestamps.at(-1) ?? 1, t0 + 1);
  const finite = [...spec.values, ...(spec.baseline != null ? [spec.baseline] : [])].filter(Number.isFinite);
  const low = finite.reduce((a, b) => Math.min(a, b), finite[0] ?? 0);
  const high = finite.reduce((a, b) => Math.max(a, b), finite[0] ?? 1);
  const [yMin, yMax, yStep] = niceRange(low, high);
  const x = (t: number) => MARGIN.left + ((t - t0) / (t1 - t0)) * plotWidth;
  const y = (v: number) => MARGIN.top + plotHeight - ((v - yMin) / (yMax - yMin)) * plotHeight;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="18" font-size="13" font-weight="bold">${escapeXml(spec.title)}</text>`,
  );
  for (let v = yMin; v <= yMax + yStep / 2; v += yStep) {
    const py = fixed(y(v));
    parts.push(
      `<line x1="${MARGIN.left}" y1="${py}" x2="${WIDTH - MARGIN.right}" y2="${py}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 6}" y="${fixed(y(v) + 4)}" text-anchor="end">${escapeXml(formatNumber(roundTo(v, yStep)))}</text>`,
    );
  }
  const timeStep = TIME_STEPS_MS.find((s) => (t1 - t0) / s <= 8) ?? TIME_STEPS_MS.at(-1)!;
  for (let t = Math.ceil(t0 / timeStep) * timeStep; t <= t1; t += timeStep) {
    const px = fixed(x(t));
    parts.push(
      `<line x1="${px}" y1="${HEIGHT - MARGIN.bottom}" x2="${px}" y2="${HEIGHT - MARGIN.bottom + 5}" stroke="#333333"/>`,
      `<text x="${px}" y="${HEIGHT - MARGIN.bottom + 17}" text-anchor="middle">${clockTime(t, timeStep)}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${HEIGHT - MARGIN.bottom}" stroke="#333333"/>`,
    `<line x1="${MARGIN.left}" y1="${HEIGHT - MARGIN.bottom}" x2="${WIDTH - MARGIN.right}" y2="${HEIGHT - MARGIN.bottom}" stroke="#333333"/>`,
    `<text x="${fixed(MARGIN.left + plotWidth / 2)}" y="${HEIGHT - 8}" text-anchor="middle">time (UTC)</text>`,
    `<text x="16" y="${fixed(MARGIN.top + plotHeight / 2)}" text-anchor="middle" transform="rotate(-90 16 ${fixed(MARGIN.top + plotHeight / 2)})">${escapeXml(spec.unit)}</text>`,
  );
  if (spec.baseline != null && Number.isFinite(spec.baseline)) {
    const py = fixed(y(spec.baseline));
    parts.push(
      `<line class="baseline" x1="${MARGIN.left}" y1="${py}" x2="${WIDTH - MARGIN.right}" y2="${py}" stroke="#888888" stroke-dasharray="4 3"/>`,
    );
  }
  const path = points
    .filter(([, v]) => Number.isFinite(v))
    .map(([t, v], i) => `${i === 0 ? 'M' : 'L'}${fixed(x(t))},${fixed(y(v))}`)
    .join(' ');
  parts.push(`<path class="series" d="${path}" fill="none" stroke="#1f6feb" stroke-width="1.5"/>`);
  // The labels sit at different heights: the onset and the alert are often seconds apart.
  const marker = (at: number, label: string, colour: string, cls: string, dash: string, labelY: number) => {
    if (at < t0 || at > t1) return;
    const px = fixed(x(at));
    parts.push(
      `<line class="${cls}" x1="${px}" y1="${MARGIN.top}" x2="${px}" y2="${HEIGHT - MARGIN.bottom}" stroke="${colour}" stroke-width="1.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      `<text x="${fixed(x(at) + 4)}" y="${labelY}" fill="${colour}">${escapeXml(label)}</text>`,
    );
  };
  if (spec.alert != null) marker(spec.alert, 'alert', '#6e7781', 'alert', '2 2', MARGIN.top + 24);
  if (spec.onset != null) {
    marker(spec.onset, `onset ${clockTime(spec.onset, 1000)}`, '#d1242f', 'onset', '', MARGIN.top + 10);
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Keeps the lowest and highest point of each bucket, so spikes survive thinning. */
function decimate(timestamps: readonly number[], values: readonly number[]): [number, number][] {
  const points = timestamps.map((t, i): [number, number] => [t, values[i]!]);
  if (points.length <= MAX_POINTS) return points;
  const buckets = MAX_POINTS / 2;
  const size = points.length / buckets;
  const out: [number, number][] = [];
  for (let b = 0; b < buckets; b++) {
    const bucket = points.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    if (bucket.length === 0) continue;
    let low = bucket[0]!;
    let high = bucket[0]!;
    for (const p of bucket) {
      if (p[1] < low[1]) low = p;
      if (p[1] > high[1]) high = p;
    }
    out.push(...(low[0] <= high[0] ? [low, high] : [high, low]));
  }
  return out;
}

/** Axis bounds on 1-2-5 steps that include the data. */
function niceRange(low: number, high: number): [number, number, number] {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [0, 1, 0.25];
  if (high - low < 1e-12) {
    const pad = Math.abs(high) > 0 ? Math.abs(high) * 0.1 : 1;
    low -= pad;
    high += pad;
  }
  const raw = (high - low) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return [Math.floor(low / step) * step, Math.ceil(high / step) * step, step];
}

function clockTime(ms: number, stepMs: number): string {
  const iso = new Date(ms).toISOString();
  return stepMs % 60_000 === 0 ? iso.slice(11, 16) : iso.slice(11, 19);
}

function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(Math.min(12, decimals)));
}

function fixed(value: number): string {
  return value.toFixed(1);
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
