import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateForecasts, parseSeriesCsv } from '../src/index';

const TAXI = fileURLToPath(
  new URL('../../../../shared/data/nab/data/realKnownCause/nyc_taxi.csv', import.meta.url),
);

describe('forecast evaluation on NYC taxi demand', () => {
  it('beats seasonal-naive at a 24-hour horizon, with honest intervals', () => {
    const { series, stepMs } = parseSeriesCsv(readFileSync(TAXI, 'utf8'));
    expect(stepMs).toBe(1_800_000);
    const evaluation = evaluateForecasts(series, { origins: 6 });
    expect(evaluation.horizon).toBe(48);
    const byModel = Object.fromEntries(evaluation.report.scores.map((score) => [score.model, score]));
    const chosen = byModel[evaluation.chosen]!;
    expect(chosen.model).not.toBe('seasonal-naive');
    expect(chosen.mase).toBeLessThan(1);
    expect(chosen.mase).toBeLessThan(byModel['seasonal-naive']!.mase);
    expect(chosen.relativeMae).toBeLessThan(1);
    expect(chosen.coverage).toBeGreaterThan(0.85);
    expect(evaluation.report.selected.points).toBe(6 * 48);
  }, 60_000);

  it('scales MASE at both seasons, the weekly one stricter on demand with weekends', () => {
    const { series } = parseSeriesCsv(readFileSync(TAXI, 'utf8'));
    const { report } = evaluateForecasts(series, { origins: 4 });
    expect(report.periods).toEqual([48, 336]);
    for (const score of report.scores) expect(score.maseShortestSeason).toBeLessThan(score.mase);
  }, 60_000);
});
