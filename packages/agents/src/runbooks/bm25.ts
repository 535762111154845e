import { tokenize } from './tokenize';

export interface Bm25Hit {
  /** Index of the document in the order it was added. */
  index: number;
  score: number;
}

/** Okapi BM25 over a fixed set of documents (k1 = 1.2, b = 0.75, the usual defaults). */
export class Bm25Index {
  private readonly termCounts: Map<string, number>[];
  private readonly lengths: number[];
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;

  constructor(
    documents: string[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.termCounts = documents.map((text) => {
      const counts = new Map<string, number>();
      for (const term of tokenize(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const term of counts.keys())
        this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      return counts;
    });
    this.lengths = this.termCounts.map((counts) => [...counts.values()].reduce((sum, n) => sum + n, 0));
    this.averageLength = this.lengths.reduce((sum, n) => sum + n, 0) / Math.max(1, this.lengths.length);
  }

  private idf(term: string): number {
    const n = this.termCounts.length;
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The best `k` documents for the query, best first; documents sharing no term with it are left out. */
  search(query: string, k: number): Bm25Hit[] {
    const terms = [...new Set(tokenize(query))];
    const hits: Bm25Hit[] = [];
    this.termCounts.forEach((counts, index) => {
      let score = 0;
      const norm = this.k1 * (1 - this.b + (this.b * (this.lengths[index] ?? 0)) / this.averageLength);
      for (const term of terms) {
        const tf = counts.get(term) ?? 0;
        if (tf > 0) score += (this.idf(term) * tf * (this.k1 + 1)) / (tf + norm);
      }
      if (score > 0) hits.push({ index, score });
    });
    return hits.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, k);
  }
}
