import { z } from 'zod';

/** What the model must answer, checked with zod before anything of it is used. */
export const LlmSummarySchema = z.object({
  summary: z
    .string()
    .min(20)
    .max(1500)
    .describe('two to four sentences for the on-call engineer: what failed, the evidence, what to do first'),
  rootCause: z
    .string()
    .min(1)
    .describe(
      'the most likely root cause, written exactly as one of the listed candidates (e.g. service/cart), or "unknown"',
    ),
  confidence: z.enum(['low', 'medium', 'high']),
  nextSteps: z.array(z.string().min(1)).min(1).max(5).describe('concrete next steps, most useful first'),
});
export type LlmSummary = z.infer<typeof LlmSummarySchema>;
