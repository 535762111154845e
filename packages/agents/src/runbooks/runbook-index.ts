import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bm25Index } from './bm25';

/** One section of a runbook: what a search returns. */
export interface RunbookPassage {
  /** File name in the runbooks folder, e.g. `oom-killed.md`. */
  file: string;
  /** The runbook's title (its `#` heading). */
  title: string;
  /** The section's `##` heading; `Overview` for the text before the first section. */
  heading: string;
  text: string;
}

export interface RunbookHit extends RunbookPassage {
  score: number;
}

/** The runbooks kept in the repository, beside this package's sources. */
export const RUNBOOKS_DIR = fileURLToPath(new URL('../../runbooks', import.meta.url));

/** Splits a markdown runbook at its `##` headings. */
export function splitRunbook(file: string, markdown: string): RunbookPassage[] {
  const lines = markdown.split(/\r?\n/);
  const title =
    lines
      .find((l) => l.startsWith('# '))
      ?.slice(2)
      .trim() ?? basename(file, '.md');
  const passages: RunbookPassage[] = [];
  let heading = 'Overview';
  let body: string[] = [];
  const flush = () => {
    const text = body.join('\n').trim();
    if (text) passages.push({ file, title, heading, text });
  };
  for (const line of lines) {
    if (line.startsWith('# ')) continue;
    if (line.startsWith('## ')) {
      flush();
      heading = line.slice(3).trim();
      body = [];
    } else body.push(line);
  }
  flush();
  return passages;
}

/** A BM25 index over runbook passages, built once when it is made. */
export class RunbookIndex {
  private readonly index: Bm25Index;

  constructor(readonly passages: RunbookPassage[]) {
    // The file name and the title count in every passage of a runbook, the title twice: they say what it is about.
    this.index = new Bm25Index(
      passages.map((p) => `${basename(p.file, '.md')}\n${p.title}\n${p.title}\n${p.heading}\n${p.text}`),
    );
  }

  /** Reads every `*.md` file of a folder. */
  static fromDirectory(dir: string): RunbookIndex {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort();
    return new RunbookIndex(files.flatMap((f) => splitRunbook(f, readFileSync(join(dir, f), 'utf8'))));
  }

  search(query: string, k = 3): RunbookHit[] {
    return this.index
      .search(query, k)
      .map((hit) => ({ ...(this.passages[hit.index] as RunbookPassage), score: hit.score }));
  }

  /** One section of one runbook, when both exist. */
  section(file: string, heading: string): RunbookPassage | undefined {
    return this.passages.find((p) => p.file === file && p.heading === heading);
  }
}

let shared: RunbookIndex | undefined;

/** The index over the repository's runbooks, built on first use. */
export function defaultRunbookIndex(): RunbookIndex {
  shared ??= RunbookIndex.fromDirectory(RUNBOOKS_DIR);
  return shared;
}

/** The `k` passages of the repository's runbooks that best match the query, best first. */
export function searchRunbooks(query: string, k = 3): RunbookHit[] {
  return defaultRunbookIndex().search(query, k);
}
