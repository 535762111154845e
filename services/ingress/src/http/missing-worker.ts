import type { Queue } from 'bullmq';

/**
 * Why a request that needs a worker on `queue` cannot be served now: no worker runs there (`service` is
 * what to start). Undefined when one does, or when the count cannot be read (a Redis that refuses CLIENT
 * LIST, as some managed ones do): then the request goes ahead.
 */
export async function missingWorker(queue: Queue, service: string): Promise<string | undefined> {
  const workers = await queue.getWorkersCount().catch(() => undefined);
  return workers === 0 ? `no ${queue.name} worker is running: start the ${service} service` : undefined;
}
