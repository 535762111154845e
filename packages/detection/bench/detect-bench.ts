import { parseArgs } from 'node:util';
import { detectors } from '../src/detectors/registry';
import { ensembleDetector } from '../src/ensemble';
import { syntheticSeries } from './synthetic';

const HELP = `pnpm bench:detect [--series <n>] [--length <points>]

Batch-scores the same seeded synthetic series (default 1000 of 1440 points) with each registered detector and
with the ensemble, in one process, and prints series/s, ms per series, and peak RSS and heap.`;

const { values: flags } = parseArgs({
  options: {
    series: { type: 'string', default: '1000' },
    length: { type: 'string', default: '1440' },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log(HELP);
  process.exit(0);
}
const SERIES = Number(flags.series);
const LENGTH = Number(flags.length);
for (const [name, value] of [
  ['series', SERIES],
  ['length', LENGTH],
] as const) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench:detect: --${name} must be a whole number, at least 1 (see --help)`);
    process.exit(2);
  }
}
const MB = 1024 * 1024;

/**
 * Batch-scores the same seeded series with each detector and with the ensemble, in
 * one process, and prints throughput and peak memory (RSS and heap sampled after every series).
 */
function main(): void {
  const series = Array.from({ length: SERIES }, (_, seed) => syntheticSeries(seed + 1, LENGTH));
  console.log(`${SERIES} series x ${LENGTH} points, batch mode, Node ${process.version}`);
  console.log(
    `${'detector'.padEnd(20)}${'series/s'.padStart(10)}${'ms/series'.padStart(11)}${'peak RSS MB'.padStart(13)}${'peak heap MB'.padStart(14)}`,
  );
  for (const detector of [...detectors, ensembleDetector]) {
    globalThis.gc?.();
    let peakRss = 0;
    let peakHeap = 0;
    let checksum = 0;
    const started = performance.now();
    for (const one of series) {
      const scores = detector.scoreBatch(one.values, one.timestamps);
      checksum += scores[scores.length - 1]!;
      const memory = process.memoryUsage();
      peakRss = Math.max(peakRss, memory.rss);
      peakHeap = Math.max(peakHeap, memory.heapUsed);
    }
    const seconds = (performance.now() - started) / 1000;
    if (!Number.isFinite(checksum)) throw new Error(`${detector.name} produced a non-finite score`);
    console.log(
      detector.name.padEnd(20) +
        (SERIES / seconds).toFixed(1).padStart(10) +
        ((seconds * 1000) / SERIES).toFixed(2).padStart(11) +
        (peakRss / MB).toFixed(0).padStart(13) +
        (peakHeap / MB).toFixed(0).padStart(14),
    );
  }
  console.log(`process max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main();
