import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listCases, writeCase } from '../src/bench/case-format';
import { formatBenchTable, runBench } from '../src/bench/run-bench';
import { generateCase } from '../src/generator/generate-case';

const HELP = `pnpm rca:bench: root-cause ranking benchmark (AC@1, AC@3, Avg@5), ours against a BARO baseline.

  --cases N     generate N synthetic incidents (default 200) and score them
  --seed N      generator seed (default 1)
  --out DIR     where generated cases go (default: a new folder under the system temp dir)
  --dir DIR     score the cases already in DIR instead of generating (any folder in the format of
                ../shared/rca/README.md: data.csv, inject_time.txt, topology.json, events.json, truth.json)
  --late S      also score with the onset given S seconds late (default 60)
  --help        this text

Every method takes inject_time (plus the lateness) as the alert time and none reads truth.json.
ours              finds each series' onset itself in the 5 minutes before it; baseline before that
baro              BARO: the onset by BOCPD in [alert - 5 min, alert + 1 min], robust scores against
                  the data before it, entities ranked by their largest score
baro-given-onset  BARO with the alert time taken as the onset (as RCAEval scores BARO)
Relative paths are relative to the repository root when run through pnpm.`;

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    dir: { type: 'string' },
    late: { type: 'string', default: '60' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const count = positiveInteger('cases', values.cases);
const seed = positiveInteger('seed', values.seed, true);
const late = positiveInteger('late', values.late, true);

let folder: string;
const started = performance.now();
if (values.dir) {
  folder = resolve(values.dir);
  const found = await listCases(folder).catch(() => []);
  if (found.length === 0) {
    console.error(`--dir ${folder}: no case folders (with a data.csv) in it`);
    process.exit(2);
  }
  console.log(`scoring the ${found.length} cases in ${folder}`);
} else {
  folder = values.out ? resolve(values.out) : await mkdtemp(join(tmpdir(), 'rca-bench-'));
  for (let i = 0; i < count; i++) await writeCase(folder, generateCase(seed, i));
  console.log(
    `generated ${count} cases (seed ${seed}) in ${folder} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

const result = await runBench(folder, { lateSeconds: late });
console.log(`\n${result.cases} cases; onset: exact and given ${late} s late\n`);
console.log(formatBenchTable(result));
console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);

function positiveInteger(name: string, raw: string | undefined, zeroAllowed = false): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1)) {
    console.error(`--${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} integer, got ${raw}`);
    process.exit(2);
  }
  return value;
}
