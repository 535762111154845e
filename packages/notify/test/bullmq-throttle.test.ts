import { type FeishuServer, startFeishuServer } from '@aiops/testkit/feishu-server';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { waitFor } from '@aiops/testkit/wait-for';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { NotifyError, NotifyRateLimitedError } from '../src/errors';
import { feishuQueueLimiter } from '../src/feishu/limits';
import type { ManualNotification } from '../src/manual-notification';
import { createNotifier } from '../src/notifier';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(url);
const prefix = testPrefix('notify-bull');
let feishu: FeishuServer | undefined;
let worker: Worker | undefined;
let queue: Queue | undefined;

afterAll(async () => {
  await worker?.close();
  await queue?.close();
  await feishu?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

/**
 * The contract with the notify stage: a throttle becomes `worker.rateLimit(ms)` plus BullMQ's RateLimitError
 * (the job waits, it is not dropped and no attempt is spent), a permanent error becomes UnrecoverableError.
 */
describe('notifier under a BullMQ worker with the Feishu limiter', () => {
  it('delivers every message exactly once through throttling', async () => {
    feishu = await startFeishuServer({ failNext: ['throttled', 'throttled'] });
    const notifier = createNotifier({
      enabled: true,
      feishu: { webhookUrl: feishu.url },
      redis,
      keyPrefix: prefix,
      rateLimitRetryMs: 200,
    });
    queue = new Queue('notify-manual', { connection: redis, prefix });
    worker = new Worker(
      'notify-manual',
      async (job: Job<ManualNotification>) => {
        try {
          return await notifier.notifyManual(job.data);
        } catch (error) {
          if (error instanceof NotifyRateLimitedError) {
            await worker!.rateLimit(error.retryAfterMs);
            throw Worker.RateLimitError();
          }
          if (error instanceof NotifyError && error.permanent) throw new UnrecoverableError(error.message);
          throw error;
        }
      },
      {
        connection: new Redis(url, { maxRetriesPerRequest: null }),
        prefix,
        limiter: feishuQueueLimiter(),
        concurrency: 2,
      },
    );

    const ids = ['a', 'b', 'c', 'd'];
    for (const id of ids) {
      const job: ManualNotification = {
        requestId: id,
        event: 'manual',
        title: `Notice ${id}`,
        message: 'hello',
        urgency: 'low',
      };
      await queue.add('notify', job, { jobId: `req-${id}`, attempts: 1 });
    }

    await waitFor(async () => (await queue!.getCompletedCount()) === ids.length, {
      timeoutMs: 20_000,
      what: 'all jobs completed',
    });
    expect(await queue.getFailedCount()).toBe(0);
    expect(feishu.rejected.map((r) => r.code)).toEqual([11232, 11232]);
    const titles = feishu.received.map(
      (m) => (m.body.card as { header: { title: { content: string } } }).header.title.content,
    );
    expect(titles.sort()).toEqual(['Notice a', 'Notice b', 'Notice c', 'Notice d']);
  });
});
