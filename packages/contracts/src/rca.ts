import { z } from 'zod';
import { EvidenceSchema } from './finding';
import { ResourceRefSchema } from './target';

export const RootCauseCandidateSchema = z.object({
  rank: z.number().int().min(1),
  resource: ResourceRefSchema,
  score: z.number(),
  confidence: z.number().min(0).max(1),
  reason: z.string().describe('one line: why this candidate ranks where it does'),
  evidence: z.array(EvidenceSchema),
});
export type RootCauseCandidate = z.infer<typeof RootCauseCandidateSchema>;

export const RcaResultSchema = z.object({
  candidates: z.array(RootCauseCandidateSchema),
  summary: z.string(),
  summarySource: z.enum(['deterministic', 'llm']),
  report: z.string().describe('markdown report'),
});
export type RcaResult = z.infer<typeof RcaResultSchema>;
