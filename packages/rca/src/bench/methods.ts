import { rankBaro } from '../baseline/baro';
import type { RankingInput } from '../input';
import { rankRootCauses } from '../rank';

/** A ranking method the benchmark compares: entity names, most likely root cause first. */
export interface BenchMethod {
  name: string;
  rank(input: RankingInput): string[];
}

export const BENCH_METHODS: readonly BenchMethod[] = [
  { name: 'ours', rank: (input) => rankRootCauses(input).candidates.map((c) => c.resource.name) },
  { name: 'baro', rank: (input) => rankBaro(input).ranked.map((r) => r.entity.name) },
  {
    name: 'baro-given-onset',
    rank: (input) => rankBaro(input, { onset: 'alert' }).ranked.map((r) => r.entity.name),
  },
];
