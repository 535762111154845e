import { WorkerAnswerSchema } from '@aiops/contracts';
import type { Job, Queue, QueueEvents } from 'bullmq';
import type { Context } from 'hono';
import { fail, ok } from './envelope';
import { missingWorker } from './missing-worker';

const ANSWER_WAIT_MS = 30_000;

/**
 * Puts an API question to the worker that holds what answers it (the scheduler's load model, the analyzer's
 * detection) and answers with its reply: the ingress itself does no heavy work. `service` names what runs
 * that worker, for the 503 when none does.
 */
export async function askWorker(
  c: Context,
  queue: Queue,
  events: QueueEvents,
  job: { kind?: string } & object,
  service: string,
) {
  // Without a worker the question would wait out the whole timeout; say at once what to start.
  const missing = await missingWorker(queue, service);
  if (missing) return fail(c, 503, missing);
  let queued: Job | undefined;
  let reply: unknown;
  try {
    queued = await queue.add(job.kind ?? queue.name, job, {
      removeOnComplete: { age: 60 },
      removeOnFail: { age: 3600 },
    });
    reply = await queued.waitUntilFinished(events, ANSWER_WAIT_MS);
  } catch (error) {
    // Nobody waits for the answer any more: a worker that comes up later need not compute it.
    if (queued && (await queued.isWaiting().catch(() => false))) await queued.remove().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    return fail(
      c,
      503,
      `the ${queue.name} worker did not answer (${reason}); is the ${service} service running?`,
    );
  }
  const answer = WorkerAnswerSchema.parse(reply);
  if (answer.ok) return ok(c, answer.data);
  // A 400 carries its field like the ingress's own 400s do.
  const errors =
    answer.status === 400 ? { errors: [{ field: answer.field ?? '(body)', message: answer.message }] } : null;
  return fail(c, answer.status, answer.message, errors);
}
