import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * One RCA benchmark case in the shared format (../shared/rca/README.md):
 * data.csv, inject_time.txt, topology.json, events.json (optional), truth.json (scoring only).
 */
export const CaseTopologySchema = z.object({ calls: z.array(z.tuple([z.string(), z.string()])).default([]) });
export const CaseEventSchema = z.object({
  time: z.number().describe('Unix seconds'),
  service: z.string(),
  kind: z.string(),
  detail: z.string().default(''),
});
export const CaseTruthSchema = z.object({ root_cause: z.string(), fault: z.string() });
export type CaseEvent = z.infer<typeof CaseEventSchema>;
export type CaseTruth = z.infer<typeof CaseTruthSchema>;

export interface RcaCase {
  name: string;
  /** Unix seconds, evenly spaced. */
  time: number[];
  /** One per `<service>_<metric>` column; NaN where the CSV cell was empty. */
  columns: { name: string; values: number[] }[];
  injectTime: number;
  topology: z.infer<typeof CaseTopologySchema>;
  events: CaseEvent[];
}

/** A case as written by a generator: the truth travels with it but is kept apart from what rankers see. */
export interface GeneratedCase {
  case: RcaCase;
  truth: CaseTruth;
}

export async function writeCase(folder: string, generated: GeneratedCase): Promise<string> {
  const dir = join(folder, generated.case.name);
  await mkdir(dir, { recursive: true });
  const c = generated.case;
  const header = ['time', ...c.columns.map((col) => col.name)].join(',');
  const rows = c.time.map((t, i) =>
    [String(t), ...c.columns.map((col) => formatCell(col.values[i]!))].join(','),
  );
  await writeFile(join(dir, 'data.csv'), `${header}\n${rows.join('\n')}\n`);
  await writeFile(join(dir, 'inject_time.txt'), `${c.injectTime}\n`);
  await writeFile(join(dir, 'topology.json'), `${JSON.stringify(c.topology)}\n`);
  await writeFile(join(dir, 'events.json'), `${JSON.stringify(c.events, null, 1)}\n`);
  await writeFile(join(dir, 'truth.json'), `${JSON.stringify(generated.truth)}\n`);
  return dir;
}

function formatCell(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : '';
}

/** Reads what a ranker may see of a case: everything but truth.json. */
export async function readCase(dir: string, name: string): Promise<RcaCase> {
  const csv = await readFile(join(dir, 'data.csv'), 'utf8');
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const timeColumn = header.indexOf('time');
  if (timeColumn < 0) throw new Error(`${dir}/data.csv: no "time" column`);
  const time: number[] = [];
  const columns = header
    .map((h, index) => ({ name: h, index, values: [] as number[] }))
    .filter((c) => c.index !== timeColumn && c.name !== '');
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    time.push(Number(cells[timeColumn]));
    for (const column of columns) {
      const cell = cells[column.index]?.trim() ?? '';
      column.values.push(cell === '' ? Number.NaN : Number(cell));
    }
  }
  const injectTime = Number((await readFile(join(dir, 'inject_time.txt'), 'utf8')).trim());
  if (!Number.isFinite(injectTime)) throw new Error(`${dir}/inject_time.txt: not a number`);
  const topology = (await exists(join(dir, 'topology.json')))
    ? CaseTopologySchema.parse(JSON.parse(await readFile(join(dir, 'topology.json'), 'utf8')))
    : { calls: [] };
  const events = (await exists(join(dir, 'events.json')))
    ? z.array(CaseEventSchema).parse(JSON.parse(await readFile(join(dir, 'events.json'), 'utf8')))
    : [];
  return {
    name,
    time,
    columns: columns.map(({ name: n, values }) => ({ name: n, values })),
    injectTime,
    topology,
    events,
  };
}

/** The answer key, read only by the scoring. */
export async function readTruth(dir: string): Promise<CaseTruth> {
  return CaseTruthSchema.parse(JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')));
}

/** The case folders under a folder (those holding a data.csv), in name order. */
export async function listCases(folder: string): Promise<string[]> {
  const names = (await readdir(folder)).sort();
  const cases: string[] = [];
  for (const name of names) if (await exists(join(folder, name, 'data.csv'))) cases.push(name);
  return cases;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
