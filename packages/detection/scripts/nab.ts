import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAlarmStream } from '../src/alarm-stream';
import { detectors, findDetector } from '../src/detectors/registry';
import { readNabCorpus } from '../src/nab/corpus';
import { formatNabReport } from '../src/nab/report';
import { readNabResults } from '../src/nab/results';
import { runNab } from '../src/nab/runner';
import { scoreNabCorpus } from '../src/nab/scorer';

const usage = `Usage: pnpm nab [--data <dir>] [--out <dir>] [--detector <name>] [--results <dir>]

Runs the streaming ensemble (or one registered detector) over every CSV of a NAB-layout folder, writes
NAB result files (<out>/<detector>/<category>/<detector>_<name>.csv) and prints the standard,
reward_low_FP_rate and reward_low_FN_rate scores, per category and in total.

  --data <dir>       NAB-layout folder: data/<category>/*.csv and labels/combined_windows.json
                     (default ../shared/data/nab)
  --out <dir>        where result files go (default out/nab)
  --detector <name>  run one registered detector instead of the ensemble
  --results <dir>    score an existing results folder of one detector instead of running one
                     (e.g. ../shared/data/nab/reference/windowedGaussian)
  --help             this text`;

async function main(): Promise<void> {
  const { values: flags } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/data/nab' },
      out: { type: 'string', default: 'out/nab' },
      detector: { type: 'string' },
      results: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (flags.help) {
    console.log(usage);
    return;
  }
  const member = flags.detector === undefined ? undefined : findDetector(flags.detector);
  if (flags.detector !== undefined && member === undefined) {
    throw new Error(
      `unknown detector ${flags.detector}; known: ${detectors.map((detector) => detector.name).join(', ')}`,
    );
  }
  const corpus = await readNabCorpus(resolve(flags.data));
  const windowCount = [...corpus.windows.values()].reduce((sum, list) => sum + list.length, 0);
  console.log(`${corpus.files.length} files, ${windowCount} windows in ${resolve(flags.data)}`);
  if (flags.results !== undefined) {
    const report = scoreNabCorpus(await readNabResults(resolve(flags.results), corpus));
    console.log(formatNabReport(resolve(flags.results), report));
    return;
  }
  const name = member?.name ?? 'ensemble';
  const out = resolve(flags.out);
  const started = performance.now();
  const scored = await runNab(corpus, {
    detector: name,
    createStream: () => createAlarmStream(member ? [member] : undefined),
    out,
  });
  const seconds = (performance.now() - started) / 1000;
  const report = scoreNabCorpus(scored);
  await writeFile(join(out, name, 'scores.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `${name}: ${scored.length} files streamed in ${seconds.toFixed(1)} s, results in ${join(out, name)}`,
  );
  console.log(formatNabReport(name, report));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
