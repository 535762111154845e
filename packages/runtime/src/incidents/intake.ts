import type {
  AlertmanagerWebhook,
  Incident,
  IncidentStatus,
  NotifyJob,
  StageJob,
  StageName,
} from '@aiops/contracts';
import { type Queues, stageJobId } from '../queues';
import { groupAlertsByTarget, severityOf } from './grouping';
import type { IncidentStore } from './incident-store';
import { describeTarget } from './target';

export interface IntakeOutcome {
  id: string;
  created: boolean;
  status: IncidentStatus;
}

/** The first run of an incident's pipeline; later runs (re-analysis on demand) get other ids. */
export const FIRST_RUN = 'r1';

/**
 * Turns a webhook into incidents: one per group and target. A repeat of a known incident only refreshes its
 * alerts; the pipeline starts once per incident; an incident whose alerts have all resolved is resolved and
 * its people told.
 */
export async function intakeWebhook(
  webhook: AlertmanagerWebhook,
  store: IncidentStore,
  queues: Queues,
  now = new Date(),
  source: Incident['source'] = 'alertmanager',
): Promise<IntakeOutcome[]> {
  const outcomes: IntakeOutcome[] = [];
  for (const group of groupAlertsByTarget(webhook)) {
    const alertname = group.alerts[0]?.labels.alertname ?? webhook.groupLabels.alertname ?? 'Alert';
    const recorded = await store.recordAlerts(
      {
        key: group.key,
        source,
        groupKey: webhook.groupKey,
        title: `${alertname} on ${describeTarget(group.target)}`,
        severity: severityOf(group.alerts),
        target: group.target,
      },
      group.alerts,
      now,
    );
    // A resolution for an incident never seen firing (or long expired) has nothing to close.
    if (!recorded) continue;
    if (recorded.pipeline === 'pending') await enqueueFirstStage(recorded.id, queues);
    if (recorded.resolvedNow) {
      const job: NotifyJob = { incidentId: recorded.id, runId: 'resolved', event: 'resolved' };
      await queues.notify.add('notify', job, { jobId: stageJobId(recorded.id, 'notify', 'resolved') });
    }
    outcomes.push({ id: recorded.id, created: recorded.created, status: recorded.status });
  }
  return outcomes;
}

/** Enqueues the first stage of an incident whose pipeline has not started. */
export async function startPipeline(id: string, store: IncidentStore, queues: Queues): Promise<void> {
  if ((await store.pipelineRun(id)) === 'pending') await enqueueFirstStage(id, queues);
}

/**
 * The job id makes a concurrent or repeated add a no-op. The incident stays 'pending' until the first stage
 * picks the job up (the worker marks it), so a crash before the add is repaired by Alertmanager's next retry,
 * and the ingress spends one round trip per webhook on the queue, not two.
 */
async function enqueueFirstStage(id: string, queues: Queues): Promise<void> {
  const job: StageJob = { incidentId: id, runId: FIRST_RUN };
  await queues.detect.add('detect', job, { jobId: stageJobId(id, 'detect', FIRST_RUN) });
}

/** Starts an incident's pipeline at a given stage (the API's autofix starts at fix); returns the job. */
export async function enqueueStage(id: string, stage: StageName, queues: Queues, runId = FIRST_RUN) {
  const job: StageJob = { incidentId: id, runId };
  return queues[stage].add(stage, job, { jobId: stageJobId(id, stage, runId) });
}
