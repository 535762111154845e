import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases, type RcaCase, readCase, writeCase } from '../src/bench/case-format';
import { caseToRankingInput, splitColumn } from '../src/bench/case-input';
import type { BenchMethod } from '../src/bench/methods';
import { runBench } from '../src/bench/run-bench';
import { accuracyAt, scoreRankings } from '../src/bench/scoring';
import { generateCase } from '../src/generator/generate-case';
import { FAULT_KINDS } from '../src/generator/scenario';
import { rankRootCauses } from '../src/rank';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'rca-bench-test-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A case over services a..e whose data says nothing; only the truth differs between cases. */
function tinyCase(name: string): RcaCase {
  const time = [1_700_000_000, 1_700_000_010, 1_700_000_020, 1_700_000_030];
  return {
    name,
    time,
    columns: ['a', 'b', 'c', 'd', 'e'].map((s) => ({ name: `${s}_cpu`, values: [1, 1, 1, 1] })),
    injectTime: 1_700_000_020,
    topology: { calls: [['a', 'b']] },
    events: [],
  };
}

describe('AC@k scoring', () => {
  it('counts the share of cases with the truth in the top k, and Avg@5 as the mean of AC@1..5', () => {
    const cases = [
      { ranked: ['x', 'y'], truth: 'x' },
      { ranked: ['y', 'x'], truth: 'x' },
      { ranked: ['a', 'b', 'c', 'x'], truth: 'x' },
      { ranked: [], truth: 'x' },
    ];
    expect(accuracyAt(cases, 1)).toBe(0.25);
    const scores = scoreRankings(cases);
    expect(scores.acAt).toEqual([0.25, 0.5, 0.5, 0.75, 0.75]);
    expect(scores.ac3).toBe(0.5);
    expect(scores.avg5).toBeCloseTo(0.55);
    expect(scoreRankings([]).ac1).toBe(0);
  });

  it('scores a folder of cases against truth.json, with the onset exact and late', async () => {
    const dir = join(folder, 'tiny');
    const truths = ['a', 'b', 'd', 'zeta'];
    for (const [i, root] of truths.entries()) {
      await writeCase(dir, {
        case: tinyCase(`case-${i}`),
        truth: { root_cause: root, fault: i < 2 ? 'cpu' : 'error' },
      });
    }
    const alertTimes: number[] = [];
    const alphabetical: BenchMethod = {
      name: 'alphabetical',
      rank: (input) => {
        alertTimes.push(input.alertTime!);
        return (input.entities ?? []).map((e) => e.name).sort();
      },
    };
    const result = await runBench(dir, { lateSeconds: 60, methods: [alphabetical] });
    expect(result.cases).toBe(4);
    expect(result.rows.map((r) => r.lateSeconds)).toEqual([0, 60]);
    for (const row of result.rows) {
      expect(row.scores.acAt).toEqual([0.25, 0.5, 0.5, 0.75, 0.75]);
      expect(row.scores.avg5).toBeCloseTo(0.55);
      expect(row.ac1ByFault).toEqual({ cpu: 0.5, error: 0 });
    }
    expect(new Set(alertTimes)).toEqual(new Set([1_700_000_020_000, 1_700_000_080_000]));
  });
});

describe('case files', () => {
  it('reads other metric names, blank cells and service names with underscores', async () => {
    const dir = join(folder, 'foreign', 'case-1');
    await writeCase(join(folder, 'foreign'), {
      case: tinyCase('case-1'),
      truth: { root_cause: 'a', fault: 'cpu' },
    });
    await writeFile(
      join(dir, 'data.csv'),
      'time,ts_db_container_cpu_usage,web_latency-90,web_rps\n100,1,,5\n101,2,30,5\n102,3,31,6\n103,4,32,\n',
    );
    await writeFile(join(dir, 'topology.json'), JSON.stringify({ calls: [['web', 'ts_db']] }));
    const c = await readCase(dir, 'case-1');
    const input = caseToRankingInput(c, 60);
    expect(input.series!.map((s) => `${s.entity.name}|${s.metric}|${s.values.length}`)).toEqual([
      'ts_db|container_cpu_usage|4',
      'web|latency-90|3',
      'web|rps|3',
    ]);
    expect(input.alertTime).toBe((c.injectTime + 60) * 1000);
    expect(splitColumn('cart_mem', new Set())).toEqual(['cart', 'mem']);
  });

  it('lets a ranker see a case without its truth.json', async () => {
    const dir = join(folder, 'blind');
    const generated = generateCase(5, 0);
    const path = await writeCase(dir, generated);
    await rm(join(path, 'truth.json'));
    const c = await readCase(path, generated.case.name);
    expect(rankRootCauses(caseToRankingInput(c)).candidates.length).toBeGreaterThan(0);
  });
});

describe('generator', () => {
  it('gives the same case for the same seed and index, and another for another index', () => {
    expect(generateCase(9, 3)).toEqual(generateCase(9, 3));
    expect(generateCase(9, 4).case.columns).not.toEqual(generateCase(9, 3).case.columns);
  });

  it('builds a call graph of at least ten services, a fault inside it, and the injection in the window', () => {
    for (const fault of FAULT_KINDS) {
      const { case: c, truth } = generateCase(21, 0, { fault });
      const services = new Set(c.topology.calls.flat());
      expect(services.size).toBeGreaterThanOrEqual(10);
      expect(services.has(truth.root_cause)).toBe(true);
      expect(truth.fault).toBe(fault);
      expect(c.injectTime).toBeGreaterThan(c.time[0]!);
      expect(c.injectTime).toBeLessThan(c.time.at(-1)!);
      for (const column of c.columns) expect(column.values).toHaveLength(c.time.length);
    }
  });

  it('leaves the traces each fault should: a rollout event, restarts, a climbing memory', () => {
    const rollout = generateCase(22, 0, { fault: 'rollout' });
    expect(
      rollout.case.events.some((e) => e.kind === 'rollout' && e.service === rollout.truth.root_cause),
    ).toBe(true);
    const restart = generateCase(22, 1, { fault: 'restart' });
    const counter = restart.case.columns.find((col) => col.name === `${restart.truth.root_cause}_restarts`)!;
    expect(counter.values.at(-1)!).toBeGreaterThan(counter.values[0]!);
    const mem = generateCase(22, 2, { fault: 'mem' });
    const memory = mem.case.columns.find((col) => col.name === `${mem.truth.root_cause}_mem`)!;
    const before = memory.values[mem.case.time.findIndex((t) => t >= mem.case.injectTime) - 1]!;
    expect(Math.max(...memory.values)).toBeGreaterThan(before * 1.1);
  });

  it('writes the shared format: data.csv with a time column, inject_time.txt, topology, events and truth', async () => {
    const dir = join(folder, 'format');
    const path = await writeCase(dir, generateCase(23, 0));
    expect(await listCases(dir)).toEqual(['case-0001']);
    const csv = await readFile(join(path, 'data.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^time,[a-z-]+_cpu,/);
    expect(Number((await readFile(join(path, 'inject_time.txt'), 'utf8')).trim())).toBeGreaterThan(
      1_700_000_000,
    );
    expect(JSON.parse(await readFile(join(path, 'topology.json'), 'utf8')).calls.length).toBeGreaterThan(0);
    expect(Array.isArray(JSON.parse(await readFile(join(path, 'events.json'), 'utf8')))).toBe(true);
    expect(Object.keys(JSON.parse(await readFile(join(path, 'truth.json'), 'utf8')))).toEqual([
      'root_cause',
      'fault',
    ]);
  });
});
