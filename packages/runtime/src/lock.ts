import { randomUUID } from 'node:crypto';
import { LuaScript } from './lua-script';
import type { Redis } from './redis';

const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/**
 * Runs `work` while holding a Redis lock, waiting (polling) for it up to `waitMs`. The lock expires after
 * `ttlMs`, so a holder that died does not block forever; only the holder's token releases it.
 */
export async function withLock<T>(
  redis: Redis,
  key: string,
  options: { ttlMs: number; waitMs: number; pollMs?: number },
  work: () => Promise<T>,
): Promise<T> {
  const token = randomUUID();
  const deadline = Date.now() + options.waitMs;
  while ((await redis.set(key, token, 'PX', options.ttlMs, 'NX')) !== 'OK') {
    if (Date.now() > deadline)
      throw new Error(`lock ${key} still held after ${Math.round(options.waitMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
  }
  try {
    return await work();
  } finally {
    await RELEASE.run(redis, [key], [token]);
  }
}
