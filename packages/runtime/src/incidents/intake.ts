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
  const [outcomes] = await intakeWebhooks([webhook], store, queues, now, source);
  return outcomes ?? [];
}

/**
 * intakeWebhook for webhooks that arrived together, in order: one round trip records every group, one more
 * enqueues every pipeline that has to start (and one the resolution notices, when there are any).
 */
export async function intakeWebhooks(
  webhooks: AlertmanagerWebhook[],
  store: IncidentStore,
  queues: Queues,
  now = new Date(),
  source: Incident['source'] = 'alertmanager',
): Promise<IntakeOutcome[][]> {
  const groups = webhooks.map((webhook) =>
    groupAlertsByTarget(webhook).map((group) => {
      const alertname = group.alerts[0]?.labels.alertname ?? webhook.groupLabels.alertname ?? 'Alert';
      return {
        draft: {
          key: group.key,
          source,
          groupKey: webhook.groupKey,
          title: `${alertname} on ${describeTarget(group.target)}`,
          severity: severityOf(group.alerts),
          target: group.target,
        },
        alerts: group.alerts,
      };
    }),
  );
  const recorded = await store.recordAlertGroups(groups.flat(), now);
  const starts: { name: string; data: StageJob; opts: { jobId: string } }[] = [];
  const resolutions: { name: string; data: NotifyJob; opts: { jobId: string } }[] = [];
  // A resolution for an incident never seen firing (or long expired) has nothing to close: null, skipped.
  for (const incident of recorded) {
    if (incident?.pipeline === 'pending') starts.push(firstStageJob(incident.id));
    if (incident?.resolvedNow) {
      const data: NotifyJob = { incidentId: incident.id, runId: 'resolved', event: 'resolved' };
      resolutions.push({
        name: 'notify',
        data,
        opts: { jobId: stageJobId(incident.id, 'notify', 'resolved') },
      });
    }
  }
  await Promise.all([
    starts.length > 0 ? queues.detect.addBulk(starts) : undefined,
    resolutions.length > 0 ? queues.notify.addBulk(resolutions) : undefined,
  ]);
  let next = 0;
  const outcomes = groups.map((webhookGroups) =>
    webhookGroups.flatMap(() => {
      const incident = recorded[next++];
      return incident ? [{ id: incident.id, created: incident.created, status: incident.status }] : [];
    }),
  );
  await noteTruncation(webhooks, outcomes, store, now);
  return outcomes;
}

/**
 * Alertmanager's `max_alerts` cut alerts out of a notification; its incidents say how many, or nobody would
 * know that alerts are missing from them. Rare, so round trips of their own.
 */
async function noteTruncation(
  webhooks: AlertmanagerWebhook[],
  outcomes: IntakeOutcome[][],
  store: IncidentStore,
  now: Date,
): Promise<void> {
  await Promise.all(
    webhooks.flatMap((webhook, w) =>
      webhook.truncatedAlerts > 0
        ? (outcomes[w] ?? []).map(({ id }) =>
            store.noteTruncatedAlerts(id, webhook.truncatedAlerts, {
              at: now.toISOString(),
              stage: 'ingress',
              event: 'alerts-truncated',
              message: `Alertmanager left ${webhook.truncatedAlerts} more alerts of group ${webhook.groupKey} out of its notification (max_alerts); Alertmanager lists them all`,
            }),
          )
        : [],
    ),
  );
}

/** Enqueues the first stage of an incident whose pipeline has not started. */
export async function startPipeline(id: string, store: IncidentStore, queues: Queues): Promise<void> {
  if ((await store.pipelineRun(id)) === 'pending') await enqueueFirstStage(id, queues);
}

async function enqueueFirstStage(id: string, queues: Queues): Promise<void> {
  const { name, data, opts } = firstStageJob(id);
  await queues.detect.add(name, data, opts);
}

/**
 * The job id makes a concurrent or repeated add a no-op. The incident stays 'pending' until the first stage
 * picks the job up (the worker marks it), so a crash before the add is repaired by Alertmanager's next retry,
 * and the ingress spends one round trip on the queue, not two (one to add, one to mark the incident).
 */
function firstStageJob(id: string) {
  const data: StageJob = { incidentId: id, runId: FIRST_RUN };
  return { name: 'detect', data, opts: { jobId: stageJobId(id, 'detect', FIRST_RUN) } };
}

/** Starts an incident's pipeline at a given stage (the API's autofix starts at fix); returns the job. */
export async function enqueueStage(id: string, stage: StageName, queues: Queues, runId = FIRST_RUN) {
  const job: StageJob = { incidentId: id, runId };
  return queues[stage].add(stage, job, { jobId: stageJobId(id, stage, runId) });
}
