import { startWebhookReceiver, type WebhookReceiver } from '@aiops/testkit/webhook-receiver';
import { afterEach, describe, expect, it } from 'vitest';
import {
  NotifyConfigError,
  NotifyRateLimitedError,
  NotifyRejectedError,
  NotifyTransientError,
} from '../src/errors';
import { buildIncidentMessage } from '../src/message';
import { createWebhookChannel } from '../src/webhook/channel';
import { signWebhook, verifyWebhookSignature } from '../src/webhook/signature';
import { fixedIncident } from './fixtures';

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const message = () => buildIncidentMessage(fixedIncident(), 'fixed', 'info');

async function setup(secret?: string) {
  receiver = await startWebhookReceiver();
  return {
    receiver,
    channel: createWebhookChannel({ url: receiver.url, secret, timeoutMs: 5000, rateLimitRetryMs: 2000 }),
  };
}

describe('webhook channel', () => {
  it('posts the message as JSON, unsigned when no secret is set', async () => {
    const { receiver, channel } = await setup();
    const sent = message();
    await expect(channel.send(sent)).resolves.toBe('delivered (HTTP 204)');
    const request = receiver.received[0]!;
    expect(request.headers['content-type']).toMatch(/application\/json/);
    expect(request.headers['x-aiops-signature']).toBeUndefined();
    expect(request.json).toEqual(sent);
  });

  it('maps answers to errors: 429 waits, 401 and 404 are configuration, 400 a rejection, 503 transient', async () => {
    const { receiver, channel } = await setup('a-long-shared-secret');
    receiver.replyNext({ status: 429, headers: { 'retry-after': '3' } }, 401, 404, 400, 503);
    const errors = [];
    for (let i = 0; i < 5; i++) errors.push(await channel.send(message()).catch((e: unknown) => e));
    expect(errors[0]).toBeInstanceOf(NotifyRateLimitedError);
    expect((errors[0] as NotifyRateLimitedError).retryAfterMs).toBe(3000);
    expect(errors[1]).toBeInstanceOf(NotifyConfigError);
    expect(errors[2]).toBeInstanceOf(NotifyConfigError);
    expect(errors[3]).toBeInstanceOf(NotifyRejectedError);
    expect(errors[4]).toBeInstanceOf(NotifyTransientError);
  });

  it('a refused connection is transient', async () => {
    const { receiver: closed } = await setup();
    const url = closed.url;
    await closed.close();
    receiver = undefined;
    const channel = createWebhookChannel({ url, timeoutMs: 2000, rateLimitRetryMs: 1000 });
    await expect(channel.send(message())).rejects.toBeInstanceOf(NotifyTransientError);
  });
});

describe('verifyWebhookSignature', () => {
  const secret = 'a-long-shared-secret';
  const body = '{"event":"fixed"}';
  const now = new Date('2026-11-28T10:00:00Z');
  const ts = Math.floor(now.getTime() / 1000);

  it('accepts what signWebhook signed, and nothing altered', () => {
    const signature = signWebhook(secret, ts, body);
    expect(verifyWebhookSignature({ secret, body, timestamp: String(ts), signature, now })).toEqual({
      ok: true,
    });
    expect(
      verifyWebhookSignature({ secret, body: `${body} `, timestamp: String(ts), signature, now }),
    ).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
    expect(verifyWebhookSignature({ secret: 'other', body, timestamp: String(ts), signature, now }).ok).toBe(
      false,
    );
  });

  it('refuses a replay: an old timestamp, or a fresh one on an old signature', () => {
    const old = ts - 3600;
    const oldSignature = signWebhook(secret, old, body);
    expect(
      verifyWebhookSignature({ secret, body, timestamp: String(old), signature: oldSignature, now }),
    ).toEqual({
      ok: false,
      reason: 'timestamp outside the tolerance',
    });
    expect(
      verifyWebhookSignature({ secret, body, timestamp: String(ts), signature: oldSignature, now }).ok,
    ).toBe(false);
    expect(
      verifyWebhookSignature({ secret, body, timestamp: undefined, signature: oldSignature, now }).ok,
    ).toBe(false);
  });
});
