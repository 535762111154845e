import { runMain, runStageService } from '@aiops/runtime';
import { createPlanHandler } from './handler';

await runMain('planner', () => runStageService({ stage: 'plan', createHandler: () => createPlanHandler() }));
