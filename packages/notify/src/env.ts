import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { NotifierOptions } from './notifier';

const httpUrl = z
  .url({ error: 'must be a URL' })
  .refine((u) => ['http:', 'https:'].includes(new URL(u).protocol), {
    message: 'must be an http or https URL',
  });

const envBoolean = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(v)));

/** The notification settings, to merge into a service's config schema. */
export const NotifyEnvSchema = z.object({
  /** The Feishu or Lark custom bot's hook: https://open.feishu.cn/open-apis/bot/v2/hook/<token>. */
  FEISHU_WEBHOOK_URL: httpUrl.optional(),
  /** The bot's signing secret (signature verification on). */
  FEISHU_SECRET: z.string().min(1).optional(),
  /** One of the bot's keywords (keyword checking on). */
  FEISHU_KEYWORD: z.string().min(1).optional(),
  /** The generic JSON webhook sink. */
  NOTIFY_WEBHOOK_URL: httpUrl.optional(),
  /** Signs the webhook's requests (HMAC-SHA256). */
  NOTIFY_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  NOTIFICATION_ENABLED: envBoolean(true),
  /** The API as people reach it, for the links in messages. */
  PUBLIC_BASE_URL: z.url({ error: 'must be a URL' }).optional(),
  NOTIFY_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(100, 'must be at least 100')
    .max(120_000, 'must be at most 120000')
    .default(10_000),
});
export type NotifyEnv = z.infer<typeof NotifyEnvSchema>;

/** The notifier's options from the parsed environment. */
export function notifierOptionsFromEnv(env: NotifyEnv, redis: Redis, keyPrefix: string): NotifierOptions {
  return {
    enabled: env.NOTIFICATION_ENABLED,
    feishu: env.FEISHU_WEBHOOK_URL
      ? { webhookUrl: env.FEISHU_WEBHOOK_URL, secret: env.FEISHU_SECRET, keyword: env.FEISHU_KEYWORD }
      : undefined,
    webhook: env.NOTIFY_WEBHOOK_URL
      ? { url: env.NOTIFY_WEBHOOK_URL, secret: env.NOTIFY_WEBHOOK_SECRET }
      : undefined,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    redis,
    keyPrefix,
    timeoutMs: env.NOTIFY_TIMEOUT_MS,
  };
}
