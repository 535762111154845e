import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DAY_MS,
  DEFAULT_EVALUATION_ORIGINS,
  DEFAULT_LEVEL,
  DEFAULT_MAX_INSTANCES,
  DEFAULT_MIN_INSTANCES,
  detectSeasonality,
  evaluateForecasts,
  ForecastInputError,
  HOUR_MS,
  type ModelScore,
  parseSeriesCsv,
} from '../src/index';

const HELP = `Backtests every forecasting model on a timestamp,value CSV with a rolling origin.

Usage: pnpm forecast:eval --data <csv> [options]

  --data <csv>              the series (required); timestamps like 2014-07-01 00:00:00 (UTC), ISO 8601
                            or Unix seconds; the step is detected and small gaps are interpolated
  --horizon <steps>         steps forecast from each origin (default: 24 hours of the file's step)
  --origins <n>             forecast origins spread over the series (default ${DEFAULT_EVALUATION_ORIGINS})
  --level <p>               central level of the prediction intervals (default ${DEFAULT_LEVEL})
  --qps-per-instance <r>    rate one instance serves (default: the 99th percentile over 3/4 of --max-instances)
  --min-instances <n>       fewest instances recommended (default ${DEFAULT_MIN_INSTANCES})
  --max-instances <n>       most instances recommended (default ${DEFAULT_MAX_INSTANCES})
  --help                    this text

Prints, per model and for per-origin selection: MAE, sMAPE, MASE twice, MAE relative to seasonal-naive on
the same windows, the share of actual values inside the intervals, and how often the instances recommended
from the upper bound were too few. MASE divides each error by the in-sample MAE of seasonal-naive on the
history before its origin: first at the longest detected season (R forecast's convention for multi-seasonal
series), then at the shortest (fable's default, M4's and GluonTS's for sub-daily data), which is lenient on
series with weekends: there even the weekly seasonal-naive model scores well below 1. The column headings
name the seasons; model selection uses the first.`;

function numberOption(name: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new ForecastInputError(
      `--${name} must be ${integer ? 'a whole number' : 'a number'}, got "${text}"`,
    );
  }
  return value;
}

function duration(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS} d`;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

function row(score: ModelScore): string {
  return [
    score.model.padEnd(28),
    fixed(score.mae, 1).padStart(10),
    fixed(score.smape, 2).padStart(8),
    fixed(score.mase, 3).padStart(11),
    fixed(score.maseShortestSeason, 3).padStart(11),
    fixed(score.relativeMae, 3).padStart(8),
    `${fixed(100 * score.coverage, 1)}%`.padStart(9),
    `${fixed(100 * score.underProvisioning, 1)}%`.padStart(11),
  ].join(' ');
}

function flagsOf(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        data: { type: 'string' },
        horizon: { type: 'string' },
        origins: { type: 'string' },
        level: { type: 'string' },
        'qps-per-instance': { type: 'string' },
        'min-instances': { type: 'string' },
        'max-instances': { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new ForecastInputError(`${(error as Error).message} (see --help)`);
  }
}

function main(): void {
  const flags = flagsOf(process.argv.slice(2));
  if (flags.help) {
    console.log(HELP);
    return;
  }
  if (!flags.data) throw new ForecastInputError('--data <csv> is required (see --help)');
  let text: string;
  try {
    text = readFileSync(flags.data, 'utf8');
  } catch (error) {
    throw new ForecastInputError(`cannot read ${flags.data}: ${(error as Error).message}`);
  }
  const { series, stepMs, filled, merged } = parseSeriesCsv(text);
  const started = performance.now();
  const evaluation = evaluateForecasts(series, {
    horizon: numberOption('horizon', flags.horizon, true),
    origins: numberOption('origins', flags.origins, true),
    level: numberOption('level', flags.level, false),
    qpsPerInstance: numberOption('qps-per-instance', flags['qps-per-instance'], false),
    minInstances: numberOption('min-instances', flags['min-instances'], true),
    maxInstances: numberOption('max-instances', flags['max-instances'], true),
  });
  const seconds = (performance.now() - started) / 1000;
  const { report } = evaluation;
  const first = new Date(series.timestamps[0]!).toISOString();
  const last = new Date(series.timestamps[series.timestamps.length - 1]!).toISOString();
  const seasons = detectSeasonality(series.values, stepMs).map((period) => duration(period * stepMs));
  console.log(
    `${basename(flags.data)}: ${series.values.length} points every ${duration(stepMs)}, ${first} … ${last}` +
      ` (${filled} filled, ${merged} merged); seasonality: ${seasons.join(', ') || 'none'}`,
  );
  console.log(
    `horizon ${report.horizon} steps (${duration(report.horizon * stepMs)}), ${report.origins.length} origins,` +
      ` level ${report.level}, ${fixed(evaluation.qpsPerInstance, 2)} qps per instance,` +
      ` instances ${evaluation.minInstances}–${evaluation.maxInstances}`,
  );
  const shortest = duration((report.periods.length > 0 ? Math.min(...report.periods) : 1) * stepMs);
  const longest = duration(Math.max(1, ...report.periods) * stepMs);
  console.log('');
  console.log(
    [
      'model'.padEnd(28),
      'MAE'.padStart(10),
      'sMAPE%'.padStart(8),
      `MASE ${longest}`.padStart(11),
      `MASE ${shortest}`.padStart(11),
      'relMAE'.padStart(8),
      'coverage'.padStart(9),
      'too few'.padStart(11),
    ].join(' '),
  );
  for (const score of report.scores) console.log(row(score));
  console.log(row({ ...report.selected, model: 'selected (per origin)' }));
  for (const failure of report.failures) console.log(`${failure.model.padEnd(28)} failed: ${failure.reason}`);
  const picks = Object.entries(report.selections)
    .map(([model, count]) => `${model} ${count}`)
    .join(', ');
  console.log('');
  console.log(`selected per origin: ${picks}`);
  console.log(`chosen now (lowest MASE over all windows): ${evaluation.chosen}`);
  console.log(`took ${seconds.toFixed(1)} s`);
}

try {
  main();
} catch (error) {
  if (!(error instanceof ForecastInputError)) throw error;
  console.error(`forecast-eval: ${error.message}`);
  process.exitCode = 2;
}
