import { join } from 'node:path';
import { type CaseTruth, listCases, readCase, readTruth } from './case-format';
import { caseToRankingInput } from './case-input';
import { BENCH_METHODS, type BenchMethod } from './methods';
import { type AccuracyScores, scoreRankings } from './scoring';

export interface BenchRow {
  method: string;
  /** Seconds the alert time lags the injection time (0 = the exact onset). */
  lateSeconds: number;
  scores: AccuracyScores;
  /** AC@1 per fault kind. */
  ac1ByFault: Record<string, number>;
  msPerCase: number;
}

export interface BenchResult {
  cases: number;
  rows: BenchRow[];
}

/**
 * Scores every method on every case of a folder, with the exact injection time and with it given late.
 * The rankers get the case without truth.json; the truth is read afterwards, for scoring only.
 */
export async function runBench(
  folder: string,
  options: { lateSeconds?: number; methods?: readonly BenchMethod[] } = {},
): Promise<BenchResult> {
  const lates = [0, options.lateSeconds ?? 60];
  const methods = options.methods ?? BENCH_METHODS;
  const names = await listCases(folder);
  const results = new Map<string, { ranked: string[]; truth: CaseTruth; ms: number }[]>();
  for (const name of names) {
    const c = await readCase(join(folder, name), name);
    const outputs = methods.flatMap((method) =>
      lates.map((late) => {
        const started = performance.now();
        const ranked = method.rank(caseToRankingInput(c, late));
        return { key: `${method.name}|${late}`, ranked, ms: performance.now() - started };
      }),
    );
    const truth = await readTruth(join(folder, name));
    for (const output of outputs) {
      const list = results.get(output.key) ?? [];
      list.push({ ranked: output.ranked, truth, ms: output.ms });
      results.set(output.key, list);
    }
  }
  const rows: BenchRow[] = [];
  for (const method of methods) {
    for (const late of lates) {
      const list = results.get(`${method.name}|${late}`) ?? [];
      const faults = [...new Set(list.map((r) => r.truth.fault))].sort();
      rows.push({
        method: method.name,
        lateSeconds: late,
        scores: scoreRankings(list.map((r) => ({ ranked: r.ranked, truth: r.truth.root_cause }))),
        ac1ByFault: Object.fromEntries(
          faults.map((fault) => {
            const ofFault = list.filter((r) => r.truth.fault === fault);
            return [fault, ofFault.filter((r) => r.ranked[0] === r.truth.root_cause).length / ofFault.length];
          }),
        ),
        msPerCase: list.reduce((sum, r) => sum + r.ms, 0) / Math.max(1, list.length),
      });
    }
  }
  return { cases: names.length, rows };
}

export function formatBenchTable(result: BenchResult): string {
  const faults = [...new Set(result.rows.flatMap((r) => Object.keys(r.ac1ByFault)))].sort();
  const header = ['method', 'onset', 'AC@1', 'AC@3', 'Avg@5', 'ms/case', ...faults.map((f) => `AC@1 ${f}`)];
  const lines = result.rows.map((row) => [
    row.method,
    row.lateSeconds === 0 ? 'exact' : `+${row.lateSeconds}s late`,
    row.scores.ac1.toFixed(3),
    row.scores.ac3.toFixed(3),
    row.scores.avg5.toFixed(3),
    row.msPerCase.toFixed(1),
    ...faults.map((f) => (row.ac1ByFault[f] === undefined ? '-' : row.ac1ByFault[f]!.toFixed(2))),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
}
