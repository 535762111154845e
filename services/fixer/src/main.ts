import { KubeEnvSchema } from '@aiops/kube';
import { runMain, runStageService } from '@aiops/runtime';
import { createFixHandler } from './handler';

await runMain('fixer', () =>
  runStageService({ stage: 'fix', envSchema: KubeEnvSchema, createHandler: createFixHandler }),
);
