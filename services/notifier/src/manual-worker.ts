import { ManualNotifyJobSchema } from '@aiops/contracts';
import { type Notifier, NotifyError, NotifyRateLimitedError } from '@aiops/notify';
import { createRedis, type Logger } from '@aiops/runtime';
import { type Job, UnrecoverableError, Worker } from 'bullmq';

/** Messages asked for through `POST /api/v1/autofix/notify`, sent on the same channels and limits. */
export function startManualNotifyWorker(options: {
  notifier: Notifier;
  redisUrl: string;
  prefix: string;
  /** Unset when no channel needs one (see notifyQueueLimiter). */
  limiter?: { max: number; duration: number };
  log: Logger;
}): Worker {
  let worker: Worker | undefined;
  const processor = async (job: Job) => {
    const parsed = ManualNotifyJobSchema.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`invalid job payload: ${parsed.error.issues[0]?.message}`);
    try {
      const records = await options.notifier.notifyManual(parsed.data);
      options.log.info({ requestId: parsed.data.requestId, records }, 'manual notification');
      return records;
    } catch (error) {
      if (error instanceof NotifyRateLimitedError) {
        await worker?.rateLimit(error.retryAfterMs);
        throw Worker.RateLimitError();
      }
      if (error instanceof NotifyError && error.permanent) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
  worker = new Worker('notify-manual', processor, {
    connection: createRedis(options.redisUrl, 'worker', 'aiops-notify-manual-worker'),
    prefix: options.prefix,
    limiter: options.limiter,
  });
  worker.on('error', (err) => options.log.error({ err }, 'manual notify worker error'));
  return worker;
}
