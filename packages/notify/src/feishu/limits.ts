/** Feishu's limit on a bot request body ("20 KB"), read as the stricter 20,000 bytes. */
export const FEISHU_MAX_BODY_BYTES = 20_000;

/** Feishu's per-bot request limits. */
export const FEISHU_RATE_LIMIT = { perSecond: 5, perMinute: 100 } as const;

/**
 * The BullMQ `limiter` for a queue that sends to one Feishu bot. BullMQ counts jobs in fixed windows, so a
 * burst at the end of one window and the start of the next both pass: with one job per 700 ms window, any
 * second holds at most 3 jobs and any minute at most 87, under 5/s and 100/min even when a job also sends a
 * text fallback now and then. Queues that share the bot (pipeline and manual notifications) split the budget.
 */
export function feishuQueueLimiter(queuesSharingTheBot = 1): { max: number; duration: number } {
  return { max: 1, duration: 700 * Math.max(1, queuesSharingTheBot) };
}
