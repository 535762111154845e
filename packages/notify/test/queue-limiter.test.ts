import type { NotificationRecord } from '@aiops/contracts';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { waitFor } from '@aiops/testkit/wait-for';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { NotifyEnvSchema, notifierOptionsFromEnv } from '../src/env';
import { feishuQueueLimiter } from '../src/feishu/limits';
import type { ManualNotification } from '../src/manual-notification';
import { createNotifier } from '../src/notifier';
import { notifyQueueLimiter } from '../src/queue-limiter';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(url);
const prefix = testPrefix('notify-limit');
let worker: Worker | undefined;
let queue: Queue | undefined;

afterAll(async () => {
  await worker?.close();
  await queue?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const FEISHU_HOOK = 'https://open.feishu.cn/open-apis/bot/v2/hook/abc';
const WEBHOOK = 'https://chat.example.com/hooks/aiops';

describe('notifyQueueLimiter', () => {
  it("is Feishu's limit, split between the queues sharing the bot, when a Feishu bot is configured", () => {
    const feishu = NotifyEnvSchema.parse({ FEISHU_WEBHOOK_URL: FEISHU_HOOK });
    expect(notifyQueueLimiter(feishu)).toEqual(feishuQueueLimiter());
    expect(notifyQueueLimiter(feishu, 2)).toEqual({ max: 1, duration: 1400 });
    const both = NotifyEnvSchema.parse({ FEISHU_WEBHOOK_URL: FEISHU_HOOK, NOTIFY_WEBHOOK_URL: WEBHOOK });
    expect(notifyQueueLimiter(both, 2)).toEqual(feishuQueueLimiter(2));
  });

  it('is absent when nothing is sent, or only to the generic webhook (which throttles with 429)', () => {
    expect(notifyQueueLimiter(NotifyEnvSchema.parse({}), 2)).toBeUndefined();
    const off = NotifyEnvSchema.parse({ FEISHU_WEBHOOK_URL: FEISHU_HOOK, NOTIFICATION_ENABLED: 'false' });
    expect(notifyQueueLimiter(off, 2)).toBeUndefined();
    expect(notifyQueueLimiter(NotifyEnvSchema.parse({ NOTIFY_WEBHOOK_URL: WEBHOOK }), 2)).toBeUndefined();
  });

  it('lets a worker with no channel record a burst that a Feishu limit would hold back', async () => {
    const env = NotifyEnvSchema.parse({});
    const notifier = createNotifier(notifierOptionsFromEnv(env, redis, prefix));
    // Shared by a hundred queues, the bot's limit would let one job through per 70 s: had the limiter been
    // applied, only the first job could finish before the wait below gives up.
    const limiter = notifyQueueLimiter(env, 100);
    queue = new Queue('notify-manual', { connection: redis, prefix });
    worker = new Worker(
      'notify-manual',
      async (job: Job<ManualNotification>) => notifier.notifyManual(job.data),
      { connection: new Redis(url, { maxRetriesPerRequest: null }), prefix, limiter, concurrency: 4 },
    );
    expect(worker.opts.limiter).toBeUndefined();

    const count = 30;
    await queue.addBulk(
      Array.from({ length: count }, (_, i) => ({
        name: 'notify',
        data: { requestId: `r${i}`, event: 'manual', title: `Notice ${i}`, message: 'hello', urgency: 'low' },
        opts: { jobId: `req-r${i}`, attempts: 1 },
      })),
    );

    await waitFor(async () => (await queue!.getCompletedCount()) === count, {
      timeoutMs: 20_000,
      what: `${count} notifications recorded`,
    });
    const jobs = await queue.getCompleted(0, count);
    const records = jobs.flatMap((job) => job.returnvalue as NotificationRecord[]);
    expect(records).toHaveLength(count);
    expect(records.every((r) => r.channel === 'log' && r.ok)).toBe(true);
    expect(records[0]?.detail).toMatch(/no channel configured/);
  });
});
