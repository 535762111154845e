import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../src/webhook-receiver';

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('startWebhookReceiver', () => {
  it('records the raw body, the parsed JSON and the headers', async () => {
    receiver = await startWebhookReceiver();
    const raw = JSON.stringify({ event: 'fixed', n: 1 });
    const res = await fetch(receiver.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test': 'yes' },
      body: raw,
    });
    expect(res.status).toBe(204);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({
      method: 'POST',
      path: '/hook',
      raw,
      json: { event: 'fixed', n: 1 },
    });
    expect(receiver.received[0]?.headers['x-test']).toBe('yes');
  });

  it('answers the queued replies in order, then the default', async () => {
    receiver = await startWebhookReceiver({ reply: { status: 200, body: 'ok' } });
    receiver.replyNext(503, { status: 429, headers: { 'retry-after': '2' } });
    const statuses = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(receiver.url, { method: 'POST', body: 'not json' });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      await res.text();
    }
    expect(statuses).toEqual([503, 429, 200]);
    expect(retryAfter).toBe('2');
    expect(receiver.received[0]?.json).toBeNull();
  });

  it('answers 404 off its path', async () => {
    receiver = await startWebhookReceiver({ path: '/team-hook' });
    const res = await fetch(receiver.url.replace('/team-hook', '/other'), { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });
});
