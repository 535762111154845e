import { KubeEnvSchema } from '@aiops/kube';
import { LlmEnvSchema, runMain, runStageService } from '@aiops/runtime';
import { createPlanHandler } from './handler';

await runMain('planner', () =>
  runStageService({
    stage: 'plan',
    envSchema: KubeEnvSchema.extend(LlmEnvSchema.shape),
    createHandler: createPlanHandler,
  }),
);
