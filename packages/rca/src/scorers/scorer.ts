import type { Evidence } from '@aiops/contracts';
import type { RankingContext } from '../analysis/context';

export interface ScoredEntity {
  /** In [0, 1]: how strongly this scorer points at the entity. */
  score: number;
  /** A short phrase for the candidate's one-line reason. */
  note: string;
  evidence: Evidence[];
}

/** One line of reasoning about which entity caused the incident. */
export interface Scorer {
  readonly name: string;
  /** Share of the combined score; weights of scorers with nothing to say are left out. */
  readonly weight: number;
  /**
   * Scores by entity key for the entities it has something to say about, or null when this incident
   * gives it no information at all (no call graph, no events), so that it neither helps nor hurts.
   */
  score(context: RankingContext): Map<string, ScoredEntity> | null;
}
