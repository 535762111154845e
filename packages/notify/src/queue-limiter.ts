import type { NotifyEnv } from './env';
import { feishuQueueLimiter } from './feishu/limits';

/**
 * The BullMQ `limiter` of a notification queue: Feishu's, and only when notifications go to a Feishu bot.
 * With notifications off or no channel, messages are only recorded, so a limit would only delay incidents
 * (and the workflow's last event) behind a queue. The generic webhook has no published limit: a receiver
 * that throttles answers 429 with Retry-After, which pauses the queue that long (`worker.rateLimit`).
 */
export function notifyQueueLimiter(
  env: Pick<NotifyEnv, 'NOTIFICATION_ENABLED' | 'FEISHU_WEBHOOK_URL'>,
  queuesSharingTheBot = 1,
): { max: number; duration: number } | undefined {
  if (!env.NOTIFICATION_ENABLED || !env.FEISHU_WEBHOOK_URL) return undefined;
  return feishuQueueLimiter(queuesSharingTheBot);
}
