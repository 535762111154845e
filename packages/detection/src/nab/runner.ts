import type { StreamScorer } from '../detector';
import type { NabCorpus, NabDataFile } from './corpus';
import { writeNabResult } from './results';
import type { NabScoredFile } from './scorer';

/**
 * Streams one file through a fresh scorer, row by row: the score of a row is returned before the next row
 * is read, so no look-ahead is possible. The scorer sees timestamps and values, never the labels.
 */
export function streamFile(file: NabDataFile, createStream: () => StreamScorer): Float64Array {
  const stream = createStream();
  const scores = new Float64Array(file.values.length);
  for (let i = 0; i < file.values.length; i++) {
    scores[i] = stream.update(file.values[i]!, file.timestamps[i]!);
  }
  return scores;
}

export interface NabRunOptions {
  /** Name of the result folder (`<out>/<detector>/...`). */
  detector: string;
  createStream: () => StreamScorer;
  /** When set, result files are written there. */
  out?: string;
}

/** Runs a streaming scorer over every file of the corpus, writes NAB result files, returns them for scoring. */
export async function runNab(corpus: NabCorpus, options: NabRunOptions): Promise<NabScoredFile[]> {
  const scored: NabScoredFile[] = [];
  for (const file of corpus.files) {
    const scores = streamFile(file, options.createStream);
    if (options.out !== undefined) await writeNabResult(options.out, options.detector, file, scores);
    scored.push({
      key: file.key,
      category: file.category,
      timestamps: file.timestamps,
      scores,
      windows: corpus.windows.get(file.key) ?? [],
    });
  }
  return scored;
}
