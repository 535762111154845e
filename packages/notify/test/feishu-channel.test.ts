import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NotificationEvent, NotificationLevel } from '@aiops/contracts';
import { type FeishuServer, type FeishuServerOptions, startFeishuServer } from '@aiops/testkit/feishu-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  NotifyConfigError,
  NotifyRateLimitedError,
  NotifyRejectedError,
  NotifyTransientError,
} from '../src/errors';
import { createFeishuChannel, type FeishuChannelOptions } from '../src/feishu/channel';
import { FEISHU_MAX_BODY_BYTES } from '../src/feishu/limits';
import { eventForIncident } from '../src/incident-event';
import { decideLevel } from '../src/levels';
import { buildIncidentMessage } from '../src/message';
import {
  capacityIncident,
  escalatedIncident,
  failedIncident,
  fixedIncident,
  healthyIncident,
  incident,
  resolvedIncident,
} from './fixtures';

const base = 'https://aiops.example.com';

let server: FeishuServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(
  serverOptions: FeishuServerOptions = {},
  channelOptions: Partial<FeishuChannelOptions> = {},
): Promise<{ s: FeishuServer; channel: ReturnType<typeof createFeishuChannel> }> {
  server = await startFeishuServer(serverOptions);
  const channel = createFeishuChannel({
    webhookUrl: server.url,
    secret: serverOptions.secret,
    keyword: serverOptions.keyword,
    timeoutMs: 5_000,
    rateLimitRetryMs: 3_000,
    ...channelOptions,
  });
  return { s: server, channel };
}

type Card = {
  header: { template: string; title: { content: string } };
  elements: Array<{ tag: string; actions?: Array<{ url: string }> }>;
};

describe('Feishu channel: cards per event and level', () => {
  const cases: Array<{
    name: string;
    make: () => ReturnType<typeof fixedIncident>;
    trigger?: 'resolved';
    event: NotificationEvent;
    level: NotificationLevel;
    colour: string;
    shows: RegExp[];
  }> = [
    {
      name: 'fixed',
      make: fixedIncident,
      event: 'fixed',
      level: 'info',
      colour: 'blue',
      shows: [/Fixed automatically/, /Top causes/, /- "\/healthz"\n\+ "\/health"/, /verified/],
    },
    {
      name: 'escalated critical',
      make: escalatedIncident,
      event: 'escalated',
      level: 'critical',
      colour: 'red',
      shows: [
        /What a person must do/,
        /crash-loop on deployment shop\/api/,
        /kubectl logs --previous -n shop deployment\/api/,
      ],
    },
    {
      name: 'failed',
      make: failedIncident,
      event: 'failed',
      level: 'critical',
      colour: 'red',
      shows: [/analyze stage failed/, /What a person must do/],
    },
    {
      name: 'resolved',
      make: resolvedIncident,
      trigger: 'resolved',
      event: 'resolved',
      level: 'resolved',
      colour: 'green',
      shows: [/stopped firing/],
    },
    {
      name: 'healthy critical',
      make: () => healthyIncident('critical'),
      event: 'healthy',
      level: 'warning',
      colour: 'orange',
      shows: [/no fault found/],
    },
    {
      name: 'capacity',
      make: capacityIncident,
      event: 'capacity',
      level: 'warning',
      colour: 'orange',
      shows: [/Capacity forecast/, /runs out in 6 days/],
    },
  ];

  for (const c of cases) {
    it(`${c.name}: ${c.colour} header, the expected content, a button to the incident`, async () => {
      const { s, channel } = await setup({ secret: 'signing-secret', keyword: 'ops-team' });
      const inc = c.make();
      const event = eventForIncident(inc, c.trigger);
      const { level } = decideLevel(inc, event as Exclude<NotificationEvent, 'manual'>);
      expect([event, level]).toEqual([c.event, c.level]);

      const detail = await channel.send(buildIncidentMessage(inc, event, level, { publicBaseUrl: base }));

      expect(detail).toMatch(/^card accepted/);
      expect(s.received).toHaveLength(1);
      const got = s.received[0]!;
      expect(got).toMatchObject({ msgType: 'interactive', signed: true });
      const card = got.body.card as Card;
      expect(card.header.template).toBe(c.colour);
      expect(card.header.title.content).toContain(inc.title);
      for (const pattern of c.shows) expect(got.text).toMatch(pattern);
      const buttons = card.elements.filter((e) => e.tag === 'action').flatMap((e) => e.actions ?? []);
      expect(buttons.map((b) => b.url)).toEqual([`${base}/api/v1/incidents/${inc.id}`]);
    });
  }
});

describe('Feishu channel: answers and errors', () => {
  it('a wrong secret is a configuration error, sent once and not retried', async () => {
    const { s, channel } = await setup({ secret: 'the-real-secret' }, { secret: 'a-wrong-secret' });
    const error = await channel
      .send(buildIncidentMessage(fixedIncident(), 'fixed', 'info'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyConfigError);
    expect(error).toMatchObject({ code: 19021, permanent: true });
    expect((error as Error).message).toMatch(/FEISHU_SECRET/);
    expect(s.requests).toBe(1);
    expect(s.received).toHaveLength(0);
  });

  it('a missing keyword, a foreign IP and a bad token are configuration errors too', async () => {
    const { s, channel } = await setup({ keyword: 'ops-team' }, { keyword: undefined });
    const message = buildIncidentMessage(fixedIncident(), 'fixed', 'info');
    await expect(channel.send(message)).rejects.toMatchObject({ name: 'NotifyConfigError', code: 19024 });
    s.failNext('ip-not-allowed', 'bad-token');
    await expect(channel.send(message)).rejects.toMatchObject({ name: 'NotifyConfigError', code: 19022 });
    await expect(channel.send(message)).rejects.toMatchObject({ name: 'NotifyConfigError', code: 19001 });
  });

  it('throttling is a rate-limit error carrying when to retry', async () => {
    const { s, channel } = await setup({
      rateLimit: { perSecond: 1, perMinute: 100 },
      clock: () => 1_700_000_000_000,
    });
    const message = buildIncidentMessage(fixedIncident(), 'fixed', 'info');
    await channel.send(message);
    const error = await channel.send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyRateLimitedError);
    expect((error as NotifyRateLimitedError).retryAfterMs).toBe(3_000);
    expect(s.rejected.map((r) => r.code)).toEqual([11232]);
  });

  it('a huge report is cut to fit 20 KB, links to the whole, and is accepted', async () => {
    const { s, channel } = await setup({ secret: 's3cret' });
    const huge = incident({
      rca: {
        ...fixedIncident().rca!,
        // Multi-byte text: the limit is in bytes, not characters.
        report: `# 根因分析\n\n${'探针路径 /healthz 返回 404；容器提供 /health。'.repeat(4000)}`,
      },
    });
    const message = buildIncidentMessage(huge, 'fixed', 'info', { publicBaseUrl: base });
    expect(Buffer.byteLength(JSON.stringify(message))).toBeGreaterThan(100_000);

    const detail = await channel.send(message);

    expect(detail).toMatch(/card accepted \(\d+ bytes, cut to fit\)/);
    const got = s.received[0]!;
    expect(got.bytes).toBeLessThanOrEqual(FEISHU_MAX_BODY_BYTES);
    expect(got.text).toMatch(/…\[cut\]/);
    expect(got.text).toContain('[full report](https://aiops.example.com/api/v1/incidents/');
    // The rest of the card survives the cut.
    expect(got.text).toMatch(/Top causes/);
    expect(got.text).toMatch(/\+ "\/health"/);
    expect(got.text).not.toMatch(/\uFFFD/);
  });

  it('falls back to plain text when the card is refused', async () => {
    const { s, channel } = await setup({ refuseCards: true, secret: 'k', keyword: 'ops-team' });
    const detail = await channel.send(
      buildIncidentMessage(escalatedIncident(), 'escalated', 'critical', { publicBaseUrl: base }),
    );
    expect(detail).toMatch(/card refused \(9499 Bad Request\); sent as plain text/);
    expect(s.rejected.map((r) => r.code)).toEqual([9499]);
    expect(s.received).toHaveLength(1);
    const got = s.received[0]!;
    expect(got.msgType).toBe('text');
    expect(got.text).toMatch(/^\[CRITICAL\] Needs a person: KubePodCrashLooping/);
    expect(got.text).toMatch(/What a person must do:/);
    expect(got.text).toContain(`Incident: ${base}/api/v1/incidents/inc-escalated-01`);
  });

  it('a refusal of both card and text is a permanent rejection', async () => {
    const { channel } = await setup({ failNext: ['bad-request', 'bad-request'] });
    const error = await channel
      .send(buildIncidentMessage(fixedIncident(), 'fixed', 'info'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyRejectedError);
    expect((error as NotifyRejectedError).permanent).toBe(true);
  });

  it('server errors and dropped connections are transient', async () => {
    const { s, channel } = await setup({ failNext: ['server-error', 'disconnect'] });
    const message = buildIncidentMessage(fixedIncident(), 'fixed', 'info');
    await expect(channel.send(message)).rejects.toBeInstanceOf(NotifyTransientError);
    await expect(channel.send(message)).rejects.toBeInstanceOf(NotifyTransientError);
    await expect(channel.send(message)).resolves.toMatch(/card accepted/);
    expect(s.received).toHaveLength(1);
  });

  it('a server that never answers is a transient timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const channel = createFeishuChannel({
        webhookUrl: `http://127.0.0.1:${port}/open-apis/bot/v2/hook/x`,
        timeoutMs: 200,
        rateLimitRetryMs: 1000,
      });
      const error = await channel
        .send(buildIncidentMessage(fixedIncident(), 'fixed', 'info'))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotifyTransientError);
      expect((error as Error).message).toMatch(/no answer within 200 ms/);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('reads an HTTP 429 with Retry-After as a rate limit', async () => {
    const limited = createServer((_req, res) => {
      res.writeHead(429, { 'retry-after': '7', 'content-type': 'text/plain' }).end('Too Many Requests');
    });
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    const { port } = limited.address() as AddressInfo;
    try {
      const channel = createFeishuChannel({
        webhookUrl: `http://127.0.0.1:${port}/open-apis/bot/v2/hook/x`,
        timeoutMs: 2000,
        rateLimitRetryMs: 1000,
      });
      const error = await channel
        .send(buildIncidentMessage(fixedIncident(), 'fixed', 'info'))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotifyRateLimitedError);
      expect((error as NotifyRateLimitedError).retryAfterMs).toBe(7000);
    } finally {
      limited.closeAllConnections();
      await new Promise((resolve) => limited.close(resolve));
    }
  });
});
