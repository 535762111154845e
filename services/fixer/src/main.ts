import { runMain, runStageService } from '@aiops/runtime';
import { createFixHandler } from './handler';

await runMain('fixer', () => runStageService({ stage: 'fix', createHandler: () => createFixHandler() }));
