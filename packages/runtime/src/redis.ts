import { Redis } from 'ioredis';

export type { Redis };

/**
 * Workers block on Redis and must wait out a restart (`maxRetriesPerRequest: null`, as BullMQ requires);
 * producers such as the ingress must fail fast so the caller gets a 5xx and Alertmanager retries.
 */
export function createRedis(url: string, role: 'worker' | 'producer', name?: string): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    // Concurrent requests' commands go out in one write: the ingress's throughput depends on it.
    enableAutoPipelining: role === 'producer',
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/** Resolves once the client is connected, or rejects with the reason. */
export async function redisReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not reachable within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}
