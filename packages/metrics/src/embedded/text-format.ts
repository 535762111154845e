import { parseSampleValue } from '../sample-value';
import type { Labels } from '../series';

/** One sample line of the Prometheus text format; labels include the metric name as `__name__`. */
export interface ExposedSample {
  labels: Labels;
  value: number;
  /** The exposition's own timestamp (Unix ms), when the line has one. */
  timestampMs?: number;
}

export class TextFormatError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'TextFormatError';
  }
}

const NAME_START = /[a-zA-Z_:]/;
const NAME_CHAR = /[a-zA-Z0-9_:]/;

/**
 * Parses the Prometheus text exposition format (version 0.0.4): comments and HELP/TYPE lines are skipped, every
 * sample line becomes one sample, label values are unescaped (empty ones dropped). Histograms and summaries stay as their plain
 * `_bucket`/`_sum`/`_count` series, as Prometheus stores them. A bad line fails the whole page, as in Prometheus.
 */
export function parseTextFormat(text: string): ExposedSample[] {
  const samples: ExposedSample[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    samples.push(parseSampleLine(line, i + 1));
  }
  return samples;
}

function parseSampleLine(line: string, lineNumber: number): ExposedSample {
  const fail = (detail: string) => new TextFormatError(lineNumber, `${detail}: ${line.slice(0, 200)}`);
  let pos = 0;
  const readName = (start: RegExp): string => {
    const from = pos;
    if (!start.test(line[pos] ?? '')) throw fail('expected a name');
    pos++;
    while (pos < line.length && NAME_CHAR.test(line[pos] ?? '')) pos++;
    return line.slice(from, pos);
  };
  const skipSpaces = () => {
    while (line[pos] === ' ' || line[pos] === '\t') pos++;
  };

  const labels: Labels = { __name__: readName(NAME_START) };
  skipSpaces();
  if (line[pos] === '{') {
    pos++;
    for (;;) {
      skipSpaces();
      if (line[pos] === '}') break;
      const label = readName(/[a-zA-Z_]/);
      skipSpaces();
      if (line[pos] !== '=') throw fail(`expected "=" after label ${label}`);
      pos++;
      skipSpaces();
      if (line[pos] !== '"') throw fail(`expected a quoted value for label ${label}`);
      pos++;
      let value = '';
      for (;;) {
        const c = line[pos];
        if (c === undefined) throw fail(`unterminated value of label ${label}`);
        pos++;
        if (c === '"') break;
        if (c === '\\') {
          const escaped = line[pos];
          pos++;
          if (escaped === 'n') value += '\n';
          else if (escaped === '\\' || escaped === '"') value += escaped;
          else throw fail(`bad escape in label ${label}`);
        } else {
          value += c;
        }
      }
      if (label in labels) throw fail(`label ${label} appears twice`);
      // An empty value is the same as no label, as Prometheus stores it.
      if (value !== '') labels[label] = value;
      skipSpaces();
      if (line[pos] === ',') pos++;
      else if (line[pos] !== '}') throw fail('expected "," or "}" between labels');
    }
    pos++;
  }

  // Value, then an optional timestamp; OpenMetrics exemplars ("# {...}") after them are ignored.
  const fields =
    line
      .slice(pos)
      .split('#')[0]
      ?.trim()
      .split(/[ \t]+/) ?? [];
  const value = parseSampleValue(fields[0] ?? '');
  if (value === undefined) throw fail('expected a sample value');
  if (fields.length > 2) throw fail('unexpected text after the timestamp');
  if (fields.length === 1) return { labels, value };
  const timestampMs = Number(fields[1]);
  if (!Number.isSafeInteger(timestampMs)) throw fail('the timestamp is not whole milliseconds');
  return { labels, value, timestampMs };
}
