import { z } from 'zod';

export const PlanStepSchema = z.object({
  agent: z.string().describe('who carries the step out: kubernetes-fixer, researcher, coder, notifier'),
  action: z.string(),
  args: z.record(z.string(), z.unknown()).default({}),
  reason: z.string(),
});
export type PlanStep = z.infer<typeof PlanStepSchema>;

export const PlanSchema = z.object({
  source: z.enum(['deterministic', 'llm']),
  summary: z.string(),
  steps: z.array(PlanStepSchema),
});
export type Plan = z.infer<typeof PlanSchema>;
