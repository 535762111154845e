/** expect.yaml of a Kubernetes fault scenario (see shared/scenarios/k8s/README.md). */
import { FindingCategorySchema } from '@aiops/contracts';
import { z } from 'zod';
import type { KubeObject } from '../kube/types';

export const ScenarioOutcomeSchema = z.enum(['fixed', 'escalated', 'healthy']);
export type ScenarioOutcome = z.infer<typeof ScenarioOutcomeSchema>;

export const ScenarioExpectationSchema = z.object({
  target: z.object({
    namespace: z.string().min(1).default('default'),
    deployment: z.string().min(1),
  }),
  event: z.string().default(''),
  force: z.boolean().default(false),
  /** Every listed category must be among the diagnosis findings. */
  findings: z.array(FindingCategorySchema).default([]),
  outcome: ScenarioOutcomeSchema,
  /** Container spec fields the fix must not change. */
  unchanged: z.array(z.string().min(1)).default([]),
});
export type ScenarioExpectation = z.infer<typeof ScenarioExpectationSchema>;

export interface Scenario {
  /** The folder's name. */
  name: string;
  dir: string;
  /** manifests.yaml as written. */
  manifests: string;
  objects: KubeObject[];
  expect: ScenarioExpectation;
}
