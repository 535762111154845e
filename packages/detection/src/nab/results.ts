import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { NabCorpus, NabDataFile } from './corpus';
import { parseCsv } from './corpus';
import type { NabScoredFile } from './scorer';
import { formatNabTimestamp } from './timestamp';

/** `<out>/<detector>/<category>/<detector>_<name>.csv`, NAB's result layout. */
export function nabResultPath(out: string, detector: string, file: NabDataFile): string {
  return join(out, detector, file.category, `${detector}_${file.name}.csv`);
}

export async function writeNabResult(
  out: string,
  detector: string,
  file: NabDataFile,
  scores: ArrayLike<number>,
): Promise<string> {
  const path = nabResultPath(out, detector, file);
  await mkdir(join(out, detector, file.category), { recursive: true });
  const lines = ['timestamp,value,anomaly_score'];
  for (let i = 0; i < file.timestamps.length; i++) {
    lines.push(`${formatNabTimestamp(file.timestamps[i]!)},${file.values[i]},${scores[i]}`);
  }
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

/**
 * Reads an existing results folder of one detector (`<resultsDir>/<category>/<detector>_<name>.csv`, the
 * detector being the folder's name, as in NAB's `results/` and this corpus' `reference/`) for scoring.
 */
export async function readNabResults(resultsDir: string, corpus: NabCorpus): Promise<NabScoredFile[]> {
  const detector = basename(resultsDir.replace(/\/+$/, ''));
  const scored: NabScoredFile[] = [];
  for (const file of corpus.files) {
    const path = join(resultsDir, file.category, `${detector}_${file.name}.csv`);
    const { timestamps, columns } = parseCsv(await readFile(path, 'utf8'), ['anomaly_score']);
    if (timestamps.length !== file.timestamps.length) {
      throw new Error(`${path}: ${timestamps.length} rows, the data file has ${file.timestamps.length}`);
    }
    scored.push({
      key: file.key,
      category: file.category,
      timestamps,
      scores: columns.anomaly_score!,
      windows: corpus.windows.get(file.key) ?? [],
    });
  }
  return scored;
}
