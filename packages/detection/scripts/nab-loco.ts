import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type AlarmStreamOptions, createAlarmStream } from '../src/alarm-stream';
import { readNabCorpus } from '../src/nab/corpus';
import { NAB_PROFILE_NAMES, NAB_PROFILES, type NabProfileName } from '../src/nab/profiles';
import { runNab } from '../src/nab/runner';
import { type NabReport, type NabScoredFile, normaliseNabScore, scoreNabCorpus } from '../src/nab/scorer';

const usage = `Usage: pnpm nab:loco [--data <dir>]

Leave-one-category-out check of the NAB alarm stream's global parameters: streams the corpus once per
candidate setting (record half-life x sustained-alarm windows), then for each category picks the setting
and the thresholds that score best on the other categories and scores the held-out category with them.

  --data <dir>  NAB-layout folder (default: the shared corpus, ../shared/data/nab from the repository root)
  --help        this text`;

interface Candidate {
  name: string;
  options: AlarmStreamOptions;
}

/** The settings compared: the default (half-life 3,000, likelihood windows 20 / 8,640) and its neighbours. */
function candidates(): Candidate[] {
  const sustained: Array<[string, AlarmStreamOptions]> = [
    ['records only', { likelihoodAlarm: 2 }],
    ['likelihood 20/8640', {}],
    ['likelihood 10/8640', { likelihood: { shortWindow: 10 } }],
    ['likelihood 30/8640', { likelihood: { shortWindow: 30 } }],
    ['likelihood 20/3000', { likelihood: { longWindow: 3000 } }],
  ];
  return [2000, 3000, 4000, 5000].flatMap((recordHalfLife) =>
    sustained.map(([label, options]) => ({
      name: `half-life ${recordHalfLife}, ${label}`,
      options: { ...options, recordHalfLife },
    })),
  );
}

function cell(report: NabReport, profile: NabProfileName): string {
  const total = report[profile].total;
  return total.normalised === null ? `raw ${total.raw.toFixed(2)}` : total.normalised.toFixed(2);
}

async function main(): Promise<void> {
  const { values: flags } = parseArgs({
    options: {
      data: { type: 'string', default: resolve(import.meta.dirname, '../../../../shared/data/nab') },
      help: { type: 'boolean', default: false },
    },
  });
  if (flags.help) {
    console.log(usage);
    return;
  }
  const corpus = await readNabCorpus(resolve(flags.data));
  const runs: Array<{ candidate: Candidate; scored: NabScoredFile[] }> = [];
  for (const candidate of candidates()) {
    const scored = await runNab(corpus, {
      detector: 'ensemble',
      createStream: () => createAlarmStream(undefined, candidate.options),
    });
    runs.push({ candidate, scored });
    const report = scoreNabCorpus(scored);
    console.log(
      `${candidate.name.padEnd(40)} whole corpus ${NAB_PROFILE_NAMES.map((p) => cell(report, p)).join(' / ')}`,
    );
  }
  const categories = [...new Set(corpus.files.map((file) => file.category))].sort();
  const heldOutRaw: Record<NabProfileName, number> = {
    standard: 0,
    reward_low_FP_rate: 0,
    reward_low_FN_rate: 0,
  };
  let heldOutWindows = 0;
  console.log(
    '\nheld-out category: setting chosen on the others -> its scores there (standard / low FP / low FN)',
  );
  for (const category of categories) {
    let best: { run: (typeof runs)[number]; report: NabReport } | undefined;
    for (const run of runs) {
      const report = scoreNabCorpus(run.scored.filter((file) => file.category !== category));
      if (!best || report.standard.total.normalised! > best.report.standard.total.normalised!) {
        best = { run, report };
      }
    }
    const chosen = best!;
    const thresholds = Object.fromEntries(
      NAB_PROFILE_NAMES.map((profile) => [profile, chosen.report[profile].threshold]),
    );
    const heldOut = scoreNabCorpus(
      chosen.run.scored.filter((file) => file.category === category),
      { thresholds },
    );
    for (const profile of NAB_PROFILE_NAMES) heldOutRaw[profile] += heldOut[profile].total.raw;
    heldOutWindows += heldOut.standard.total.windows;
    console.log(
      `${category.padEnd(24)}${chosen.run.candidate.name.padEnd(40)} -> ${NAB_PROFILE_NAMES.map((p) => cell(heldOut, p)).join(' / ')}`,
    );
  }
  console.log(
    `held-out categories together (${heldOutWindows} windows): ${NAB_PROFILE_NAMES.map((profile) =>
      (normaliseNabScore(heldOutRaw[profile], heldOutWindows, NAB_PROFILES[profile]) ?? 0).toFixed(2),
    ).join(' / ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
