import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FEISHU_ANSWERS,
  type FeishuServer,
  type FeishuServerOptions,
  startFeishuServer,
} from '../src/feishu-server';

// Signed as Feishu's documentation describes, independently of the notify package's code.
function sign(secret: string, timestamp: number): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

const card = (overrides: Record<string, unknown> = {}) => ({
  msg_type: 'interactive',
  card: {
    header: { template: 'red', title: { tag: 'plain_text', content: 'Pod crash-looping' } },
    elements: [
      { tag: 'markdown', content: '**Top causes**\n1. deployment shop/api' },
      {
        tag: 'action',
        actions: [
          { tag: 'button', text: { tag: 'plain_text', content: 'Open' }, url: 'https://aiops.example/x' },
        ],
      },
    ],
    ...overrides,
  },
});

let server: FeishuServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FeishuServerOptions = {}): Promise<FeishuServer> {
  server = await startFeishuServer(options);
  return server;
}

async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

describe('startFeishuServer', () => {
  it('accepts a correctly signed message and answers as Feishu does', async () => {
    const s = await start({ secret: 'bot-secret' });
    const timestamp = nowSeconds();
    const reply = await post(s.url, {
      timestamp: String(timestamp),
      sign: sign('bot-secret', timestamp),
      msg_type: 'text',
      content: { text: 'hello' },
    });
    expect(reply).toEqual({ status: 200, json: { code: 0, data: {}, msg: 'success' } });
    expect(s.received).toHaveLength(1);
    expect(s.received[0]).toMatchObject({ msgType: 'text', text: 'hello', signed: true });
    expect(s.received[0]?.body).not.toHaveProperty('sign');
  });

  it('refuses a wrong secret, a stale timestamp and a missing signature with 19021', async () => {
    const s = await start({ secret: 'bot-secret' });
    const fresh = nowSeconds();
    const stale = fresh - 2 * 3600;
    const text = { msg_type: 'text', content: { text: 'hello' } };
    const wrong = await post(s.url, { ...text, timestamp: String(fresh), sign: sign('other', fresh) });
    const old = await post(s.url, { ...text, timestamp: String(stale), sign: sign('bot-secret', stale) });
    const unsigned = await post(s.url, text);
    for (const reply of [wrong, old, unsigned]) expect(reply.json).toEqual(FEISHU_ANSWERS.signature);
    expect(s.received).toHaveLength(0);
    expect(s.rejected.map((r) => r.code)).toEqual([19021, 19021, 19021]);
  });

  it('answers 19001 for an unknown token and 404 off the hook path', async () => {
    const s = await start();
    const other = s.url.replace(s.token, 'not-the-token');
    expect((await post(other, card())).json).toEqual(FEISHU_ANSWERS.badToken);
    expect((await post(s.url.replace('/open-apis/bot/v2/hook/', '/elsewhere/'), card())).status).toBe(404);
  });

  it('requires the keyword somewhere in what the message shows', async () => {
    const s = await start({ keyword: 'aiops' });
    expect((await post(s.url, { msg_type: 'text', content: { text: 'no word here' } })).json).toEqual(
      FEISHU_ANSWERS.keyword,
    );
    expect((await post(s.url, { msg_type: 'text', content: { text: 'from aiops' } })).json).toEqual(
      FEISHU_ANSWERS.ok,
    );
  });

  it('validates cards: header colours, element tags and URL-only buttons', async () => {
    const s = await start();
    expect((await post(s.url, card())).json).toEqual(FEISHU_ANSWERS.ok);
    const pink = card({ header: { template: 'pink', title: { tag: 'plain_text', content: 'x' } } });
    const callback = card({
      elements: [
        {
          tag: 'action',
          actions: [{ tag: 'button', text: { tag: 'plain_text', content: 'Ack' }, value: {} }],
        },
      ],
    });
    const unknownTag = card({ elements: [{ tag: 'table', rows: [] }] });
    for (const bad of [pink, callback, unknownTag])
      expect((await post(s.url, bad)).json).toEqual(FEISHU_ANSWERS.badRequest);
    expect(s.rejected.map((r) => r.reason)).toEqual([
      'header.template pink is not a Feishu colour',
      "elements[0].actions[0]: a custom bot's button needs an http(s) url",
      'elements[0]: unknown element tag table',
    ]);
    expect(s.received[0]?.text).toContain('Top causes');
  });

  it('refuses bodies over the limit and bodies that are not JSON with 9499', async () => {
    const s = await start({ maxBodyBytes: 1000 });
    expect((await post(s.url, { msg_type: 'text', content: { text: 'x'.repeat(1000) } })).json).toEqual(
      FEISHU_ANSWERS.badRequest,
    );
    expect((await post(s.url, '{not json')).json).toEqual(FEISHU_ANSWERS.badRequest);
    expect(s.rejected[0]?.reason).toMatch(/exceeds 1000/);
  });

  it('throttles past the per-second limit with 11232', async () => {
    // A clock held still: every request falls in the same second, however slowly the machine runs.
    const s = await start({ rateLimit: { perSecond: 2, perMinute: 100 }, clock: () => 1_700_000_000_000 });
    const message = { msg_type: 'text', content: { text: 'hi' } };
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push((await post(s.url, message)).json);
    expect(replies).toEqual([FEISHU_ANSWERS.ok, FEISHU_ANSWERS.ok, FEISHU_ANSWERS.throttled]);
  });

  it('throttles past the per-minute limit with 11232', async () => {
    let now = 1_700_000_000_000;
    const s = await start({ rateLimit: { perSecond: 1, perMinute: 3 }, clock: () => now });
    const message = { msg_type: 'text', content: { text: 'hi' } };
    const codes = [];
    for (let i = 0; i < 4; i++) {
      codes.push(((await post(s.url, message)).json as { code: number }).code);
      now += 5_000;
    }
    now += 60_000;
    codes.push(((await post(s.url, message)).json as { code: number }).code);
    expect(codes).toEqual([0, 0, 0, 11232, 0]);
  });

  it('refuses cards when told to, but takes text', async () => {
    const s = await start({ refuseCards: true });
    expect((await post(s.url, card())).json).toEqual(FEISHU_ANSWERS.badRequest);
    expect((await post(s.url, { msg_type: 'text', content: { text: 'plain' } })).json).toEqual(
      FEISHU_ANSWERS.ok,
    );
  });

  it('injects faults in order: a server error, a dropped connection, then normal service', async () => {
    const s = await start({ failNext: ['server-error'] });
    s.failNext('disconnect');
    const message = { msg_type: 'text', content: { text: 'hi' } };
    expect((await post(s.url, message)).status).toBe(500);
    await expect(post(s.url, message)).rejects.toThrow();
    expect((await post(s.url, message)).json).toEqual(FEISHU_ANSWERS.ok);
    expect(s.requests).toBe(3);
  });

  it('checks post messages too', async () => {
    const s = await start();
    const good = {
      msg_type: 'post',
      content: { post: { en_us: { title: 'T', content: [[{ tag: 'text', text: 'line' }]] } } },
    };
    expect((await post(s.url, good)).json).toEqual(FEISHU_ANSWERS.ok);
    expect((await post(s.url, { msg_type: 'post', content: {} })).json).toEqual(FEISHU_ANSWERS.badRequest);
    expect((await post(s.url, { msg_type: 'audio', content: {} })).json).toEqual(FEISHU_ANSWERS.badRequest);
  });
});
