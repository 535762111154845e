import { CsvFormatError, ForecastInputError } from './errors';
import { type EvenSeries, evenlySpaced } from './regularize';

const MISSING = new Set(['', 'nan', 'null', 'na', 'n/a']);
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A timestamp in Unix ms from `2014-07-01 00:00:00` (no zone: UTC), ISO 8601 with or without a zone,
 * a date, or Unix seconds (milliseconds when 1e11 or more); NaN when it is none of these.
 */
export function parseTimestamp(text: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const number = Number(trimmed);
    return number >= 1e11 ? number : number * 1000;
  }
  const match = DATE_TIME.exec(trimmed);
  if (!match) return Number.NaN;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone] = match;
  const offset = zone && zone.toUpperCase() !== 'Z' ? `${zone.slice(0, 3)}:${zone.slice(-2)}` : 'Z';
  const parsed = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${offset}`);
  return Number.isFinite(parsed) && Number(month) <= 12 && Number(day) <= 31 ? parsed : Number.NaN;
}

function fieldsOf(line: string): string[] {
  return line.split(',').map((field) => field.trim().replace(/^"(.*)"$/, '$1'));
}

/**
 * Reads a `timestamp,value` CSV (header optional, extra columns ignored, rows in any order) into an
 * evenly spaced series (see evenlySpaced). Throws CsvFormatError, naming
 * the line, when the file cannot be read that way.
 */
export function parseSeriesCsv(text: string): EvenSeries {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: { timestamp: number; value: number }[] = [];
  let sawHeader = false;
  lines.forEach((line, index) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const fields = fieldsOf(line);
    const where = `line ${index + 1}`;
    if (fields.length < 2) throw new CsvFormatError(`${where}: expected "timestamp,value", got "${line}"`);
    const timestamp = parseTimestamp(fields[0]!);
    if (Number.isNaN(timestamp)) {
      if (rows.length === 0 && !sawHeader) {
        sawHeader = true;
        return;
      }
      throw new CsvFormatError(
        `${where}: "${fields[0]}" is not a timestamp (date time, ISO 8601 or Unix seconds)`,
      );
    }
    const raw = fields[1]!;
    const value = MISSING.has(raw.toLowerCase()) ? Number.NaN : Number(raw);
    if (Number.isNaN(value) && !MISSING.has(raw.toLowerCase())) {
      throw new CsvFormatError(`${where}: "${raw}" is not a number`);
    }
    if (!Number.isNaN(value) && !Number.isFinite(value))
      throw new CsvFormatError(`${where}: "${raw}" is not finite`);
    rows.push({ timestamp, value });
  });
  try {
    return evenlySpaced(rows);
  } catch (error) {
    if (error instanceof ForecastInputError) throw new CsvFormatError(error.message);
    throw error;
  }
}
