import { randomUUID } from 'node:crypto';
import type { StageName } from '@aiops/contracts';
import { enqueueStage, type IncidentStore, type NewIncident, type Queues } from '@aiops/runtime';

/**
 * Opens the incident an API request asks for (a new one per request: its key is random) and queues its first
 * stage. Undefined when Redis fails, which the request answers with 503 (retry later) rather than 500.
 */
export async function openRequestIncident(
  store: IncidentStore,
  queues: Queues,
  draft: Omit<NewIncident, 'key'>,
  stage: StageName,
): Promise<{ id: string; job: Awaited<ReturnType<typeof enqueueStage>> } | undefined> {
  try {
    const { id } = await store.open({ ...draft, key: randomUUID().replaceAll('-', '') });
    return { id, job: await enqueueStage(id, stage, queues) };
  } catch {
    return undefined;
  }
}
