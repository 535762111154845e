import type { NotificationChannel } from '../channel';
import {
  NotifyConfigError,
  NotifyRateLimitedError,
  NotifyRejectedError,
  NotifyTransientError,
} from '../errors';
import { postJson, retryAfterMs } from '../http';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './signature';

export interface WebhookChannelOptions {
  url: string;
  /** Signs each request (X-AIOps-Signature) when set. */
  secret?: string;
  timeoutMs: number;
  rateLimitRetryMs: number;
}

/**
 * Posts the notification message as JSON, for teams on other chat tools. The delivery header carries the
 * exactly-once key, so a receiver can also drop a repeat.
 */
export function createWebhookChannel(options: WebhookChannelOptions): NotificationChannel {
  return {
    name: 'webhook',
    async send(message) {
      const body = JSON.stringify(message);
      const timestamp = Math.floor(Date.now() / 1000);
      const headers: Record<string, string> = {
        [TIMESTAMP_HEADER]: String(timestamp),
        [EVENT_HEADER]: message.event,
        [DELIVERY_HEADER]: message.key,
        'user-agent': 'aiops-notify',
      };
      if (options.secret) headers[SIGNATURE_HEADER] = signWebhook(options.secret, timestamp, body);

      const reply = await postJson(options.url, body, headers, options.timeoutMs);
      const said = `webhook answered HTTP ${reply.status}${reply.text ? `: ${reply.text.slice(0, 200)}` : ''}`;
      if (reply.status >= 200 && reply.status < 300) return `delivered (HTTP ${reply.status})`;
      if (reply.status === 429) {
        const wait = retryAfterMs(reply.headers, options.rateLimitRetryMs);
        throw new NotifyRateLimitedError(`${said}; retry in ${wait} ms`, wait);
      }
      if (reply.status === 401 || reply.status === 403)
        throw new NotifyConfigError(`${said}: check NOTIFY_WEBHOOK_SECRET`);
      if (reply.status === 404 || reply.status === 410)
        throw new NotifyConfigError(`${said}: check NOTIFY_WEBHOOK_URL`);
      if (reply.status >= 400 && reply.status < 500 && reply.status !== 408)
        throw new NotifyRejectedError(said);
      throw new NotifyTransientError(said);
    },
  };
}
