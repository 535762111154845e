import type { Evidence, RootCauseCandidate } from '@aiops/contracts';
import { buildRankingContext, type RankingContext, type RankingOptions } from './analysis/context';
import type { RankingInput } from './input';
import { SCORERS } from './scorers/registry';
import type { Scorer } from './scorers/scorer';

export interface RankingResult {
  candidates: RootCauseCandidate[];
  /** Everything the ranking saw and derived: entities, series analyses, onset, graph; the report draws on it. */
  context: RankingContext;
  /** Per candidate (same order), each scorer's score, for explanation and tuning. */
  breakdown: Record<string, number>[];
}

/** Softmax temperature of the confidence: a lead of 0.1 in combined score is worth a factor e. */
const CONFIDENCE_TEMPERATURE = 0.1;
const MAX_EVIDENCE = 8;

/**
 * Ranks the entities of an incident as root-cause candidates: every scorer of the registry scores the
 * entities it has something to say about, and the weighted mean (over the scorers with information)
 * orders them. Entities no scorer points at are left out.
 */
export function rankRootCauses(
  input: RankingInput,
  options: RankingOptions = {},
  scorers: readonly Scorer[] = SCORERS,
): RankingResult {
  const context = buildRankingContext(input, options);
  const outputs = scorers
    .map((scorer) => ({ scorer, scores: scorer.score(context) }))
    .filter((o): o is { scorer: Scorer; scores: NonNullable<typeof o.scores> } => o.scores !== null);
  const totalWeight = outputs.reduce((sum, o) => sum + o.scorer.weight, 0);

  const ranked = [...context.entities.values()]
    .map((state) => {
      let total = 0;
      const breakdown: Record<string, number> = {};
      const notes: { contribution: number; note: string }[] = [];
      const evidence: { contribution: number; items: Evidence[] }[] = [];
      for (const { scorer, scores } of outputs) {
        const scored = scores.get(state.key);
        breakdown[scorer.name] = scored?.score ?? 0;
        if (!scored) continue;
        const contribution = (scorer.weight * scored.score) / totalWeight;
        total += contribution;
        if (scored.score > 0) notes.push({ contribution, note: scored.note });
        evidence.push({ contribution, items: scored.evidence });
      }
      return { state, total, breakdown, notes, evidence };
    })
    .filter((r) => r.total > 0)
    .sort((a, b) => b.total - a.total || (a.state.key < b.state.key ? -1 : 1))
    .slice(0, options.maxCandidates ?? 10);

  const maxTotal = Math.max(0, ...ranked.map((r) => r.total));
  const weights = ranked.map((r) => Math.exp((r.total - maxTotal) / CONFIDENCE_TEMPERATURE));
  const weightSum = weights.reduce((a, b) => a + b, 0);

  const candidates = ranked.map((r, i): RootCauseCandidate => {
    // The share among the candidates, discounted when the evidence itself is thin.
    const confidence = (weights[i]! / weightSum) * Math.sqrt(Math.min(1, r.total));
    return {
      rank: i + 1,
      resource: { ...r.state.entity },
      score: round(r.total),
      confidence: round(Math.min(1, Math.max(0, confidence))),
      reason: r.notes
        .sort((a, b) => b.contribution - a.contribution)
        .slice(0, 3)
        .map((n) => n.note)
        .join('; '),
      evidence: strongestEvidence(r.evidence),
    };
  });
  return { candidates, context, breakdown: ranked.map((r) => r.breakdown) };
}

/** The evidence of the scorers that weighed most, without repeats, in time order: the chain behind a rank. */
function strongestEvidence(groups: { contribution: number; items: Evidence[] }[]): Evidence[] {
  const seen = new Set<string>();
  const chosen = [...groups]
    .sort((a, b) => b.contribution - a.contribution)
    .flatMap((g) => g.items)
    .filter((e) => {
      const key = `${e.kind}|${e.source}|${e.text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_EVIDENCE);
  return chosen.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? '') || a.text.localeCompare(b.text));
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
