import { runMain, runStageService } from '@aiops/runtime';
import { createNotifyHandler } from './handler';

await runMain('notifier', () =>
  runStageService({ stage: 'notify', createHandler: () => createNotifyHandler() }),
);
