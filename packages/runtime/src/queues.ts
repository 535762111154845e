import { STAGES, type StageName } from '@aiops/contracts';
import { type JobsOptions, Queue, type QueueOptions } from 'bullmq';
import type { Redis } from './redis';

/** Queues besides the pipeline stages. */
export const AUX_QUEUES = ['notify-manual', 'forecast', 'rca'] as const;
export type QueueName = StageName | (typeof AUX_QUEUES)[number];
export const ALL_QUEUES: readonly QueueName[] = [...STAGES, ...AUX_QUEUES];

export interface QueueSettings {
  prefix: string;
  attempts: number;
  backoffMs: number;
}

export function defaultJobOptions(settings: QueueSettings): JobsOptions {
  return {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs, jitter: 0.3 },
    // Completed jobs stay a day (they make repeated adds of the same id no-ops); failed ones a week, for operators.
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
  };
}

export function createQueue(name: QueueName, connection: Redis, settings: QueueSettings): Queue {
  const options: QueueOptions = {
    connection,
    prefix: settings.prefix,
    defaultJobOptions: defaultJobOptions(settings),
  };
  return new Queue(name, options);
}

/** One queue per stage and auxiliary queue, sharing one producer connection. */
export type Queues = Record<QueueName, Queue>;

export function createQueues(connection: Redis, settings: QueueSettings): Queues {
  return Object.fromEntries(
    ALL_QUEUES.map((name) => [name, createQueue(name, connection, settings)]),
  ) as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}

/**
 * Job ids are deterministic so a repeated add is a no-op. BullMQ forbids ':' in ids and all-digit ids.
 */
export function stageJobId(incidentId: string, stage: QueueName, runId: string): string {
  return `${incidentId}.${stage}.${runId}`.replaceAll(':', '_');
}
