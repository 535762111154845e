import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { NotifyTransientError } from '../src/errors';
import { NotificationLedger } from '../src/ledger';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefixes: string[] = [];
let ledger: NotificationLedger;

beforeEach(() => {
  const prefix = testPrefix('ledger');
  prefixes.push(prefix);
  ledger = new NotificationLedger(redis, prefix, { leaseMs: 2_000, sentTtlMs: 60_000, pollMs: 10 });
});
afterAll(async () => {
  for (const prefix of prefixes) await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('NotificationLedger', () => {
  it('sends once, and a later call finds it sent', async () => {
    let sends = 0;
    const send = async () => `sent #${++sends}`;
    const first = await ledger.once('inc-1:fixed:feishu', send);
    const again = await ledger.once('inc-1:fixed:feishu', send);
    expect(first).toMatchObject({ sentNow: true, entry: { detail: 'sent #1' } });
    expect(again).toEqual({ sentNow: false, entry: first.entry });
    expect(sends).toBe(1);
  });

  it('sends once when many callers race for the same key', async () => {
    let sends = 0;
    const send = async () => {
      sends += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return 'delivered';
    };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => ledger.once('inc-2:escalated:feishu', send)),
    );
    expect(sends).toBe(1);
    expect(results.filter((r) => r.sentNow)).toHaveLength(1);
    expect(results.every((r) => r.entry.detail === 'delivered')).toBe(true);
  });

  it('releases the claim when sending fails, so a retry sends', async () => {
    await expect(
      ledger.once('inc-3:failed:webhook', async () => {
        throw new Error('connection refused');
      }),
    ).rejects.toThrow('connection refused');
    const retry = await ledger.once('inc-3:failed:webhook', async () => 'delivered on retry');
    expect(retry).toMatchObject({ sentNow: true, entry: { detail: 'delivered on retry' } });
  });

  it("keeps different keys apart and does not release another worker's claim", async () => {
    const mine = await ledger.claim('inc-4:fixed:feishu');
    expect(mine.state).toBe('claimed');
    expect((await ledger.claim('inc-4:fixed:webhook')).state).toBe('claimed');
    expect((await ledger.claim('inc-4:fixed:feishu')).state).toBe('busy');
    await ledger.release('inc-4:fixed:feishu', 'inflight:someone-else');
    expect((await ledger.claim('inc-4:fixed:feishu')).state).toBe('busy');
    if (mine.state === 'claimed') await ledger.release('inc-4:fixed:feishu', mine.token);
    expect((await ledger.claim('inc-4:fixed:feishu')).state).toBe('claimed');
  });

  it('gives up with a transient error when another worker holds the claim past its lease', async () => {
    const short = new NotificationLedger(redis, prefixes.at(-1)!, {
      leaseMs: 100,
      sentTtlMs: 60_000,
      pollMs: 10,
    });
    // A claim that never ends: SET without expiry, as a stuck writer would leave if leases did not exist.
    await redis.set(`${prefixes.at(-1)}:notify:sent:inc-5:fixed:feishu`, 'inflight:stuck');
    await expect(short.once('inc-5:fixed:feishu', async () => 'x')).rejects.toBeInstanceOf(
      NotifyTransientError,
    );
  });

  it('lets a retry send after a claim holder died and its lease ran out', async () => {
    const short = new NotificationLedger(redis, prefixes.at(-1)!, {
      leaseMs: 100,
      sentTtlMs: 60_000,
      pollMs: 10,
    });
    expect((await short.claim('inc-6:fixed:feishu')).state).toBe('claimed');
    const result = await short.once('inc-6:fixed:feishu', async () => 'sent by the retry');
    expect(result).toMatchObject({ sentNow: true, entry: { detail: 'sent by the retry' } });
  });
});
