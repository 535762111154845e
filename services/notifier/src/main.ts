import { createNotifier, NotifyEnvSchema, notifierOptionsFromEnv, notifyQueueLimiter } from '@aiops/notify';
import { runMain, runStageService } from '@aiops/runtime';
import { createNotifyHandler } from './handler';
import { startManualNotifyWorker } from './manual-worker';

/** Both queues share the one Feishu bot, so each gets half of its rate. */
const QUEUES_SHARING_THE_BOT = 2;

await runMain('notifier', async () => {
  let manual: ReturnType<typeof startManualNotifyWorker> | undefined;
  const stage = await runStageService({
    stage: 'notify',
    envSchema: NotifyEnvSchema,
    limiter: (env) => notifyQueueLimiter(env, QUEUES_SHARING_THE_BOT),
    createHandler: (ctx) => {
      const notifier = createNotifier(notifierOptionsFromEnv(ctx.env, ctx.redis, ctx.env.QUEUE_PREFIX));
      manual = startManualNotifyWorker({
        notifier,
        redisUrl: ctx.env.REDIS_URL,
        prefix: ctx.env.QUEUE_PREFIX,
        limiter: notifyQueueLimiter(ctx.env, QUEUES_SHARING_THE_BOT),
        log: ctx.log.child({ queue: 'notify-manual' }),
      });
      return createNotifyHandler(notifier);
    },
    closeFirst: () => manual?.close(),
  });
  return stage;
});
