import { createHmac } from 'node:crypto';
import { type FeishuServer, startFeishuServer } from '@aiops/testkit/feishu-server';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { startWebhookReceiver, type WebhookReceiver } from '@aiops/testkit/webhook-receiver';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  NotifyConfigError,
  type NotifyError,
  NotifyRateLimitedError,
  NotifyTransientError,
} from '../src/errors';
import { manualNotificationFromRequest } from '../src/manual-notification';
import { NotificationMessageSchema } from '../src/notification-message';
import { createNotifier, type NotifierOptions } from '../src/notifier';
import { escalatedIncident, fixedIncident, healthyIncident } from './fixtures';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefixes: string[] = [];
let feishu: FeishuServer | undefined;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await feishu?.close();
  await receiver?.close();
  feishu = undefined;
  receiver = undefined;
});
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(redis, prefix);
  redis.disconnect();
});

const WEBHOOK_SECRET = 'webhook-secret-0123456789';

async function setup(overrides: Partial<NotifierOptions> = {}) {
  feishu = await startFeishuServer({ secret: 'bot-secret' });
  receiver = await startWebhookReceiver();
  const keyPrefix = testPrefix('notify');
  prefixes.push(keyPrefix);
  const notifier = createNotifier({
    enabled: true,
    feishu: { webhookUrl: feishu.url, secret: 'bot-secret' },
    webhook: { url: receiver.url, secret: WEBHOOK_SECRET },
    publicBaseUrl: 'https://aiops.example.com',
    redis,
    keyPrefix,
    timeoutMs: 5_000,
    ...overrides,
  });
  return { notifier, feishu, receiver };
}

describe('createNotifier', () => {
  it('sends an incident event to Feishu and the webhook, once, however often it is asked', async () => {
    const { notifier, feishu, receiver } = await setup();
    const inc = escalatedIncident();

    const first = await notifier.notifyIncident(inc);
    const retried = await notifier.notifyIncident(inc, 'escalated');

    expect(first.map((r) => [r.channel, r.event, r.level, r.ok, r.key])).toEqual([
      ['feishu', 'escalated', 'critical', true, 'inc-escalated-01:escalated'],
      ['webhook', 'escalated', 'critical', true, 'inc-escalated-01:escalated'],
    ]);
    expect(first[0]?.detail).toMatch(/card accepted/);
    expect(retried.every((r) => r.ok && /already sent at .*; not sent again/.test(r.detail))).toBe(true);
    expect(feishu.received).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  });

  it('sends once when the same incident and event are notified concurrently', async () => {
    const { notifier, feishu, receiver } = await setup();
    const inc = fixedIncident();
    const all = await Promise.all(Array.from({ length: 8 }, () => notifier.notifyIncident(inc, 'fixed')));
    expect(feishu.received).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
    expect(all.flat().every((r) => r.ok)).toBe(true);
  });

  it('sends again for another run of the same incident', async () => {
    const { notifier, feishu } = await setup({ webhook: undefined });
    const inc = fixedIncident();
    await notifier.notifyIncident(inc, 'fixed', { runId: 'r1' });
    await notifier.notifyIncident(inc, 'fixed', { runId: 'r2' });
    await notifier.notifyIncident(inc, 'fixed', { runId: 'r2' });
    expect(feishu.received).toHaveLength(2);
  });

  it('signs the webhook body so the receiver can verify it', async () => {
    const { notifier, receiver } = await setup({ feishu: undefined });
    await notifier.notifyIncident(fixedIncident(), 'fixed');
    const request = receiver.received[0]!;
    const timestamp = request.headers['x-aiops-timestamp'] as string;
    const expected = createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${request.raw}`).digest('hex');
    expect(request.headers['x-aiops-signature']).toBe(`sha256=${expected}`);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(600);
    expect(request.headers['x-aiops-event']).toBe('fixed');
    expect(request.headers['x-aiops-delivery']).toBe('inc-a1b2c3d4e5f6-m3k9:fixed');
    const message = NotificationMessageSchema.parse(request.json);
    expect(message).toMatchObject({ event: 'fixed', level: 'info', truncated: false });
    expect(message.fix?.diff).toContain('+ "/health"');
  });

  it('sends nothing when notifications are off, and says so in a log record', async () => {
    const { notifier, feishu, receiver } = await setup({ enabled: false });
    const records = await notifier.notifyIncident(escalatedIncident());
    expect(records).toEqual([
      expect.objectContaining({ channel: 'log', event: 'escalated', level: 'critical', ok: true }),
    ]);
    expect(records[0]?.detail).toMatch(/NOTIFICATION_ENABLED=false/);
    expect(feishu.requests).toBe(0);
    expect(receiver.received).toHaveLength(0);
  });

  it('records a skip for events the level table does not send', async () => {
    const { notifier, feishu } = await setup();
    const records = await notifier.notifyIncident(healthyIncident('info'));
    expect(records).toEqual([expect.objectContaining({ channel: 'log', event: 'healthy', ok: true })]);
    expect(records[0]?.detail).toMatch(/not sent: healthy info incidents are not announced/);
    expect(feishu.requests).toBe(0);
  });

  it('a failing channel fails the call with its records; the retry sends only what is missing', async () => {
    const { notifier, feishu, receiver } = await setup();
    receiver.replyNext(503);
    const inc = fixedIncident();
    const error = (await notifier.notifyIncident(inc, 'fixed').catch((e: unknown) => e)) as NotifyError;
    expect(error).toBeInstanceOf(NotifyTransientError);
    expect(error.records.map((r) => [r.channel, r.ok])).toEqual([
      ['feishu', true],
      ['webhook', false],
    ]);
    const retried = await notifier.notifyIncident(inc, 'fixed');
    expect(retried.map((r) => [r.channel, r.ok])).toEqual([
      ['feishu', true],
      ['webhook', true],
    ]);
    expect(feishu.received).toHaveLength(1);
    expect(receiver.received).toHaveLength(2);
  });

  it('throws the retryable error first when one channel is throttled and another misconfigured', async () => {
    const { notifier, feishu, receiver } = await setup();
    feishu.failNext('signature');
    receiver.replyNext({ status: 429, headers: { 'retry-after': '4' } });
    const error = await notifier.notifyIncident(fixedIncident(), 'fixed').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyRateLimitedError);
    expect((error as NotifyRateLimitedError).retryAfterMs).toBe(4000);
  });

  it('a configuration error alone is permanent, and a retry may send once it is fixed', async () => {
    const { feishu } = await setup();
    const keyPrefix = prefixes.at(-1)!;
    const misconfigured = createNotifier({
      enabled: true,
      feishu: { webhookUrl: feishu.url, secret: 'not-the-bot-secret' },
      redis,
      keyPrefix,
    });
    const error = await misconfigured.notifyIncident(fixedIncident(), 'fixed').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyConfigError);
    expect((error as NotifyConfigError).permanent).toBe(true);
    // The failed send released its claim: with the right secret, the same notification goes out.
    const fixed = createNotifier({
      enabled: true,
      feishu: { webhookUrl: feishu.url, secret: 'bot-secret' },
      redis,
      keyPrefix,
    });
    await expect(fixed.notifyIncident(fixedIncident(), 'fixed')).resolves.toEqual([
      expect.objectContaining({ channel: 'feishu', ok: true }),
    ]);
    expect(feishu.received).toHaveLength(1);
  });

  it('sends a manual message once per request id', async () => {
    const { notifier, feishu } = await setup({ webhook: undefined });
    const job = manualNotificationFromRequest(
      { type: 'human_help', message: 'Rotate the database password by hand', urgency: 'critical' },
      'req-42',
    );
    const records = await notifier.notifyManual(job);
    await notifier.notifyManual(job);
    expect(records).toEqual([
      expect.objectContaining({ channel: 'feishu', key: 'manual:req-42', level: 'critical', ok: true }),
    ]);
    expect(feishu.received).toHaveLength(1);
    const card = feishu.received[0]!.body.card as { header: { template: string } };
    expect(card.header.template).toBe('red');
    expect(feishu.received[0]!.text).toContain('Rotate the database password by hand');
  });

  it('records that no channel is configured instead of failing', async () => {
    const { notifier } = await setup({ feishu: undefined, webhook: undefined });
    const records = await notifier.notifyIncident(escalatedIncident());
    expect(records).toEqual([expect.objectContaining({ channel: 'log', ok: true })]);
    expect(records[0]?.detail).toMatch(/no channel configured/);
  });
});
