import type { AlertmanagerWebhook, IncidentStatus, NotifyJob, StageJob } from '@aiops/contracts';
import { type Queues, stageJobId } from '../queues';
import { type AlertGroup, groupAlertsByTarget, moreSevere, severityOf } from './grouping';
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
 * alerts; the pipeline starts once per incident; an incident whose alerts have all resolved is resolved.
 */
export async function intakeWebhook(
  webhook: AlertmanagerWebhook,
  store: IncidentStore,
  queues: Queues,
  now = new Date(),
): Promise<IntakeOutcome[]> {
  const outcomes: IntakeOutcome[] = [];
  for (const group of groupAlertsByTarget(webhook)) {
    const outcome = group.alerts.some((a) => a.status === 'firing')
      ? await intakeFiring(webhook, group, store, queues, now)
      : await intakeResolved(group, store, queues, now);
    if (outcome) outcomes.push(outcome);
  }
  return outcomes;
}

async function intakeFiring(
  webhook: AlertmanagerWebhook,
  group: AlertGroup,
  store: IncidentStore,
  queues: Queues,
  now: Date,
): Promise<IntakeOutcome> {
  const first = group.alerts[0]!;
  const alertname = first.labels.alertname ?? webhook.groupLabels.alertname ?? 'Alert';
  const severity = severityOf(group.alerts);
  const { id, created } = await store.open(
    {
      key: group.key,
      source: 'alertmanager',
      groupKey: webhook.groupKey,
      title: `${alertname} on ${describeTarget(group.target)}`,
      severity,
      target: group.target,
    },
    now,
  );
  const changed = await store.upsertAlerts(id, group.alerts);
  if (!created) {
    const current = await store.get(id);
    if (current && moreSevere(severity, current.severity) !== current.severity)
      await store.raiseSeverity(id, severity);
    await store.appendTimeline(id, {
      at: now.toISOString(),
      stage: 'ingress',
      event: changed > 0 ? 'alerts-updated' : 'repeated',
      message:
        changed > 0
          ? `${changed} alert(s) added or changed; the pipeline already runs for this incident`
          : 'Alertmanager repeated the notification; nothing new',
    });
  }
  await startPipeline(id, store, queues);
  if (!created) await resolveIfAllResolved(id, group.key, store, queues, now);
  return { id, created, status: (await store.get(id))?.status ?? 'open' };
}

async function intakeResolved(
  group: AlertGroup,
  store: IncidentStore,
  queues: Queues,
  now: Date,
): Promise<IntakeOutcome | null> {
  const id = await store.lastForKey(group.key);
  // A resolution for an incident never seen firing (or long expired) has nothing to close.
  if (!id || !(await store.exists(id))) return null;
  await store.upsertAlerts(id, group.alerts);
  await resolveIfAllResolved(id, group.key, store, queues, now);
  return { id, created: false, status: (await store.get(id))?.status ?? 'resolved' };
}

async function resolveIfAllResolved(
  id: string,
  key: string,
  store: IncidentStore,
  queues: Queues,
  now: Date,
): Promise<void> {
  const alerts = await store.alerts(id);
  if (alerts.length === 0 || alerts.some((a) => a.status === 'firing')) return;
  if (await store.resolve(id, key, now)) {
    const job: NotifyJob = { incidentId: id, runId: 'resolved', event: 'resolved' };
    await queues.notify.add('notify', job, { jobId: stageJobId(id, 'notify', 'resolved') });
  }
}

/** Enqueues the first stage once: the job id makes a concurrent or repeated add a no-op. */
export async function startPipeline(id: string, store: IncidentStore, queues: Queues): Promise<void> {
  if (await store.pipelineRun(id)) return;
  const job: StageJob = { incidentId: id, runId: FIRST_RUN };
  await queues.detect.add('detect', job, { jobId: stageJobId(id, 'detect', FIRST_RUN) });
  await store.claimPipelineStart(id, FIRST_RUN);
}
