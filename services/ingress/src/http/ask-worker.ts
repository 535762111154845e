import { WorkerAnswerSchema } from '@aiops/contracts';
import type { Queue, QueueEvents } from 'bullmq';
import type { Context } from 'hono';
import { fail, ok } from './envelope';

const ANSWER_WAIT_MS = 30_000;

/**
 * Puts an API question to the worker that holds what answers it (the scheduler's load model, the analyzer's
 * detection) and answers with its reply: the ingress itself does no heavy work.
 */
export async function askWorker(
  c: Context,
  queue: Queue,
  events: QueueEvents,
  job: { kind?: string } & object,
) {
  let reply: unknown;
  try {
    const queued = await queue.add(job.kind ?? queue.name, job, {
      removeOnComplete: { age: 60 },
      removeOnFail: { age: 3600 },
    });
    reply = await queued.waitUntilFinished(events, ANSWER_WAIT_MS);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(c, 503, `the ${queue.name} worker did not answer (${reason}); is it running?`);
  }
  const answer = WorkerAnswerSchema.parse(reply);
  return answer.ok ? ok(c, answer.data) : fail(c, answer.status, answer.message);
}
