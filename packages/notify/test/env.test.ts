import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { NotifyEnvSchema, notifierOptionsFromEnv } from '../src/env';

describe('NotifyEnvSchema', () => {
  it('defaults to enabled with no channel', () => {
    expect(NotifyEnvSchema.parse({})).toEqual({ NOTIFICATION_ENABLED: true, NOTIFY_TIMEOUT_MS: 10_000 });
  });

  it('reads Feishu and Lark hooks, the switch and the webhook sink', () => {
    const env = NotifyEnvSchema.parse({
      FEISHU_WEBHOOK_URL: 'https://open.larksuite.com/open-apis/bot/v2/hook/abc',
      FEISHU_SECRET: 's',
      FEISHU_KEYWORD: 'ops',
      NOTIFY_WEBHOOK_URL: 'https://chat.example.com/hooks/aiops',
      NOTIFY_WEBHOOK_SECRET: '0123456789abcdef',
      NOTIFICATION_ENABLED: 'false',
      PUBLIC_BASE_URL: 'https://aiops.example.com',
    });
    const redis = new Redis({ lazyConnect: true });
    const options = notifierOptionsFromEnv(env, redis, 'aiops');
    expect(options).toMatchObject({
      enabled: false,
      feishu: {
        webhookUrl: 'https://open.larksuite.com/open-apis/bot/v2/hook/abc',
        secret: 's',
        keyword: 'ops',
      },
      webhook: { url: 'https://chat.example.com/hooks/aiops', secret: '0123456789abcdef' },
      publicBaseUrl: 'https://aiops.example.com',
      keyPrefix: 'aiops',
      timeoutMs: 10_000,
    });
    redis.disconnect();
  });

  it('names the variable that is wrong', () => {
    const result = NotifyEnvSchema.safeParse({
      FEISHU_WEBHOOK_URL: 'ftp://open.feishu.cn/x',
      NOTIFICATION_ENABLED: 'maybe',
      NOTIFY_WEBHOOK_SECRET: 'short',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['FEISHU_WEBHOOK_URL', 'must be an http or https URL'],
      ['NOTIFY_WEBHOOK_SECRET', 'must be at least 16 characters'],
      ['NOTIFICATION_ENABLED', 'must be true or false'],
    ]);
  });
});
