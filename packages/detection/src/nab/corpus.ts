import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseNabTimestamp } from './timestamp';

/** One NAB data file: what a detector may see (timestamps, values) and what only the scorer reads (windows). */
export interface NabDataFile {
  category: string;
  /** File name without `.csv`. */
  name: string;
  /** `<category>/<name>.csv`, the key of `labels/combined_windows.json`. */
  key: string;
  timestamps: number[];
  values: number[];
}

/** Anomaly windows per file key, as [startMs, endMs] pairs. */
export type NabWindows = Map<string, Array<[number, number]>>;

export interface NabCorpus {
  files: NabDataFile[];
  windows: NabWindows;
}

/** Reads `<dir>/data/<category>/*.csv` (any categories) and `<dir>/labels/combined_windows.json`. */
export async function readNabCorpus(dir: string): Promise<NabCorpus> {
  const dataDir = join(dir, 'data');
  const categories = (await readdir(dataDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const files: NabDataFile[] = [];
  for (const category of categories) {
    const names = (await readdir(join(dataDir, category))).filter((file) => file.endsWith('.csv')).sort();
    for (const fileName of names) {
      const text = await readFile(join(dataDir, category, fileName), 'utf8');
      const { timestamps, columns } = parseCsv(text, ['value']);
      files.push({
        category,
        name: fileName.slice(0, -'.csv'.length),
        key: `${category}/${fileName}`,
        timestamps,
        values: columns.value!,
      });
    }
  }
  const windows = await readNabWindows(join(dir, 'labels', 'combined_windows.json'));
  const unlabeled = files.filter((file) => !windows.has(file.key)).map((file) => file.key);
  if (unlabeled.length > 0) {
    throw new Error(`labels/combined_windows.json has no entry for: ${unlabeled.join(', ')}`);
  }
  return { files, windows };
}

export async function readNabWindows(path: string): Promise<NabWindows> {
  const raw: unknown = JSON.parse(await readFile(path, 'utf8'));
  if (typeof raw !== 'object' || raw === null) throw new Error(`${path}: expected an object`);
  const windows: NabWindows = new Map();
  for (const [key, list] of Object.entries(raw)) {
    if (!Array.isArray(list)) throw new Error(`${path}: ${key} is not a list of windows`);
    windows.set(
      key,
      list.map((pair: unknown) => {
        if (!Array.isArray(pair) || pair.length !== 2) throw new Error(`${path}: bad window in ${key}`);
        return [parseNabTimestamp(String(pair[0])), parseNabTimestamp(String(pair[1]))];
      }),
    );
  }
  return windows;
}

/** Parses a `timestamp,...` CSV and returns the requested numeric columns (missing or blank cells are NaN). */
export function parseCsv(
  text: string,
  wanted: string[],
): { timestamps: number[]; columns: Record<string, number[]> } {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((cell) => cell.trim());
  const timeColumn = header.indexOf('timestamp');
  if (timeColumn < 0) throw new Error('CSV has no timestamp column');
  const indices = wanted.map((name) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`CSV has no ${name} column`);
    return index;
  });
  const timestamps: number[] = [];
  const columns: Record<string, number[]> = Object.fromEntries(wanted.map((name) => [name, []]));
  for (let row = 1; row < lines.length; row++) {
    const cells = lines[row]!.split(',');
    timestamps.push(parseNabTimestamp(cells[timeColumn] ?? ''));
    wanted.forEach((name, k) => {
      const cell = (cells[indices[k]!] ?? '').trim();
      columns[name]!.push(cell === '' ? Number.NaN : Number(cell));
    });
  }
  return { timestamps, columns };
}
