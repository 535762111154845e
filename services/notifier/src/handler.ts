import { NotifyJobSchema } from '@aiops/contracts';
import { createNotifier, type Notifier, NotifyError, NotifyRateLimitedError } from '@aiops/notify';
import type { StageHandler } from '@aiops/runtime';
import { UnrecoverableError } from 'bullmq';

/**
 * The notify stage: tells people what happened, once per incident and event (the notifier's ledger makes a
 * retried job send nothing twice). Throttling waits without spending an attempt; a configuration error
 * (bad signature, bad token) fails at once instead of retrying forever.
 */
export function createNotifyHandler(notifier: Notifier): StageHandler {
  return async ({ incident, job, deferForRateLimit }) => {
    const { event: trigger, runId } = NotifyJobSchema.parse(job.data);
    try {
      const records = await notifier.notifyIncident(incident, undefined, { trigger, runId });
      const sent = records.filter((r) => r.ok && r.channel !== 'log');
      return {
        message:
          sent.length > 0
            ? `sent on ${sent.map((r) => r.channel).join(', ')}`
            : (records[0]?.detail ?? 'nothing to send'),
        status: trigger === 'resolved' ? undefined : 'notified',
        slots: { notifications: [...incident.notifications, ...records] },
      };
    } catch (error) {
      if (error instanceof NotifyRateLimitedError) return deferForRateLimit(error.retryAfterMs);
      if (error instanceof NotifyError && error.permanent) throw new UnrecoverableError(error.message);
      throw error;
    }
  };
}

export { createNotifier };
