import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { NotifyTransientError } from './errors';

/** What a send left in the ledger. */
export interface SentEntry {
  at: string;
  detail: string;
}

export type Claim =
  | { state: 'claimed'; token: string }
  | { state: 'sent'; entry: SentEntry }
  | { state: 'busy' };

export interface LedgerOptions {
  /** How long a claim holds before another worker may take over; longer than one whole send. */
  leaseMs: number;
  /** How long a sent mark is kept: longer than any retry or redelivery of the job. */
  sentTtlMs: number;
  /** How often a waiter looks whether a concurrent send finished. */
  pollMs?: number;
}

// Deletes the claim only if it is still ours: a lease that expired and was taken over stays with its new owner.
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Exactly-once delivery per notification and channel, shared by every worker through Redis.
 *
 * A sender claims the key (SET NX with a lease), sends, then marks it sent; on failure it releases the claim
 * so a retry can send. A retried or concurrent job that finds "sent" does nothing; one that finds a live claim
 * waits for it to end.
 *
 * The one window that cannot be closed: the receiver accepted the message but this process died (or lost
 * Redis) before the mark was written. The lease then expires and a retry sends again. The window is kept to
 * the time between the HTTP answer and one Redis SET (nothing else runs between them), and a mark that fails
 * is retried before giving up; receivers of the generic webhook can drop the repeat by its delivery header.
 */
export class NotificationLedger {
  private readonly pollMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly options: LedgerOptions,
  ) {
    this.pollMs = options.pollMs ?? 50;
  }

  private redisKey(key: string): string {
    return `${this.keyPrefix}:notify:sent:${key}`;
  }

  async claim(key: string): Promise<Claim> {
    const token = `inflight:${randomUUID()}`;
    const set = await this.redis.set(this.redisKey(key), token, 'PX', this.options.leaseMs, 'NX');
    if (set === 'OK') return { state: 'claimed', token };
    const entry = await this.entry(key);
    return entry ? { state: 'sent', entry } : { state: 'busy' };
  }

  /** The sent mark, if the notification was delivered. */
  async entry(key: string): Promise<SentEntry | null> {
    const value = await this.redis.get(this.redisKey(key));
    if (!value?.startsWith('sent:')) return null;
    return JSON.parse(value.slice('sent:'.length)) as SentEntry;
  }

  async markSent(key: string, entry: SentEntry): Promise<void> {
    const value = `sent:${JSON.stringify(entry)}`;
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.redis.set(this.redisKey(key), value, 'PX', this.options.sentTtlMs);
        return;
      } catch (error) {
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, this.pollMs * (attempt + 1)));
      }
    }
    throw lastError;
  }

  async release(key: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.redisKey(key), token);
  }

  /**
   * Sends once: runs `send` unless the key is marked sent; waits out a concurrent sender (then reports its
   * result, or sends if it failed). Resolves with the entry and whether this call sent it.
   */
  async once(key: string, send: () => Promise<string>): Promise<{ entry: SentEntry; sentNow: boolean }> {
    const deadline = Date.now() + this.options.leaseMs + this.pollMs;
    for (;;) {
      const claim = await this.claim(key);
      if (claim.state === 'sent') return { entry: claim.entry, sentNow: false };
      if (claim.state === 'claimed') {
        let detail: string;
        try {
          detail = await send();
        } catch (error) {
          // If the release fails too, the lease expires on its own; the send's error is the one to report.
          await this.release(key, claim.token).catch(() => undefined);
          throw error;
        }
        const entry = { at: new Date().toISOString(), detail };
        await this.markSent(key, entry);
        return { entry, sentNow: true };
      }
      if (Date.now() > deadline) {
        throw new NotifyTransientError(`notification ${key} is still being sent by another worker`);
      }
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }
}
