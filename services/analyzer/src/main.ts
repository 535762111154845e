import { runMain, runStageService } from '@aiops/runtime';
import { createAnalyzeHandler } from './handler';

await runMain('analyzer', () =>
  runStageService({ stage: 'analyze', createHandler: () => createAnalyzeHandler() }),
);
