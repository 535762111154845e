import type { Incident, NotificationEvent, NotificationLevel, NotificationRecord } from '@aiops/contracts';
import type { Redis } from 'ioredis';
import type { NotificationChannel } from './channel';
import { NotifyError, NotifyRateLimitedError, NotifyTransientError } from './errors';
import { createFeishuChannel } from './feishu/channel';
import { eventForIncident, type NotifyTrigger } from './incident-event';
import { NotificationLedger } from './ledger';
import { decideLevel, manualLevel } from './levels';
import type { ManualNotification } from './manual-notification';
import { buildIncidentMessage, buildManualMessage } from './message';
import type { NotificationMessage } from './notification-message';
import { createWebhookChannel } from './webhook/channel';

export interface NotifierOptions {
  /** NOTIFICATION_ENABLED: when false nothing is sent; each call records a 'log' entry instead. */
  enabled: boolean;
  feishu?: { webhookUrl: string; secret?: string; keyword?: string };
  webhook?: { url: string; secret?: string };
  /** The API's public base URL, for the link to the incident. */
  publicBaseUrl?: string;
  redis: Redis;
  /** Redis key prefix for the exactly-once ledger (the queue prefix, or a test's own). */
  keyPrefix: string;
  /** Per HTTP request. */
  timeoutMs?: number;
  /** Wait after a throttle that does not say how long (Feishu's never does). */
  rateLimitRetryMs?: number;
  /** How long a delivered notification is remembered (default 7 days). */
  sentTtlMs?: number;
}

export interface Notifier {
  /**
   * Announces an incident's event on every channel, once per incident, run and event whatever the retries.
   * Resolves with one record per channel; throws a NotifyError (with `records`) when a channel failed.
   */
  notifyIncident(
    incident: Incident,
    event?: Exclude<NotificationEvent, 'manual'>,
    options?: { runId?: string; trigger?: NotifyTrigger },
  ): Promise<NotificationRecord[]>;
  /** Sends a message asked for through the API, once per request id. */
  notifyManual(job: ManualNotification): Promise<NotificationRecord[]>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RATE_LIMIT_RETRY_MS = 5_000;
const DEFAULT_SENT_TTL_MS = 7 * 24 * 3600 * 1000;

/** The error a failed call throws: a retryable one first, so the job retries (or waits out a throttle). */
function mostActionable(errors: NotifyError[]): NotifyError | undefined {
  return (
    errors.find((e) => e instanceof NotifyRateLimitedError) ?? errors.find((e) => !e.permanent) ?? errors[0]
  );
}

export function createNotifier(options: NotifierOptions): Notifier {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const rateLimitRetryMs = options.rateLimitRetryMs ?? DEFAULT_RATE_LIMIT_RETRY_MS;
  const channels: NotificationChannel[] = [];
  if (options.feishu) channels.push(createFeishuChannel({ ...options.feishu, timeoutMs, rateLimitRetryMs }));
  if (options.webhook)
    channels.push(createWebhookChannel({ ...options.webhook, timeoutMs, rateLimitRetryMs }));
  // A claim outlives a whole send: a card and its text fallback, each up to the timeout.
  const ledger = new NotificationLedger(options.redis, options.keyPrefix, {
    leaseMs: 2 * timeoutMs + 5_000,
    sentTtlMs: options.sentTtlMs ?? DEFAULT_SENT_TTL_MS,
  });

  const logRecord = (
    key: string,
    event: NotificationEvent,
    level: NotificationLevel,
    detail: string,
  ): NotificationRecord[] => [
    { key, channel: 'log', event, level, at: new Date().toISOString(), ok: true, detail },
  ];

  const deliver = async (message: NotificationMessage): Promise<NotificationRecord[]> => {
    const { key, event, level } = message;
    if (!options.enabled) {
      return logRecord(
        key,
        event,
        level,
        `notifications are off (NOTIFICATION_ENABLED=false); not sent: ${message.title}`,
      );
    }
    if (channels.length === 0) {
      return logRecord(
        key,
        event,
        level,
        `no channel configured (FEISHU_WEBHOOK_URL, NOTIFY_WEBHOOK_URL); not sent: ${message.title}`,
      );
    }
    const outcomes = await Promise.allSettled(
      channels.map((channel) => ledger.once(`${key}:${channel.name}`, () => channel.send(message))),
    );
    const errors: NotifyError[] = [];
    const records = outcomes.map((outcome, i): NotificationRecord => {
      const channel = channels[i]!.name;
      if (outcome.status === 'fulfilled') {
        const { entry, sentNow } = outcome.value;
        const detail = sentNow
          ? entry.detail
          : `already sent at ${entry.at} (${entry.detail}); not sent again`;
        return {
          key,
          channel,
          event,
          level,
          at: sentNow ? entry.at : new Date().toISOString(),
          ok: true,
          detail,
        };
      }
      const error =
        outcome.reason instanceof NotifyError
          ? outcome.reason
          : new NotifyTransientError(`${channel}: ${String(outcome.reason)}`, { cause: outcome.reason });
      errors.push(error);
      return { key, channel, event, level, at: new Date().toISOString(), ok: false, detail: error.message };
    });
    const error = mostActionable(errors);
    if (error) {
      error.records = records;
      throw error;
    }
    return records;
  };

  return {
    async notifyIncident(incident, event, callOptions = {}) {
      const chosen = event ?? eventForIncident(incident, callOptions.trigger);
      const decision = decideLevel(incident, chosen);
      const message = buildIncidentMessage(incident, chosen, decision.level, {
        publicBaseUrl: options.publicBaseUrl,
        runId: callOptions.runId,
      });
      if (!decision.send)
        return logRecord(message.key, chosen, decision.level, `not sent: ${decision.reason}`);
      return deliver(message);
    },

    async notifyManual(job) {
      const level = manualLevel(job.event, job.urgency, job.type);
      return deliver(buildManualMessage(job, level));
    },
  };
}
