import { runMain, runStageService } from '@aiops/runtime';
import { createDetectHandler } from './handler';

await runMain('detector', () =>
  runStageService({ stage: 'detect', createHandler: () => createDetectHandler() }),
);
