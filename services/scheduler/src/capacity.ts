import type { AlertmanagerWebhook, PredictData } from '@aiops/contracts';
import type { Cluster } from '@aiops/kube';
import { type IncidentStore, intakeWebhook, type Queues } from '@aiops/runtime';

/**
 * Compares the recommended instances with what runs and, when they differ, raises a capacity incident through
 * the same intake as alerts (so it is deduplicated, runs the pipeline once, and resolves when they agree).
 */
export async function checkCapacity(options: {
  target: string;
  prediction: PredictData;
  cluster: Cluster;
  store: IncidentStore;
  queues: Queues;
}): Promise<{ running: number; recommended: number } | null> {
  const [namespace, name] = options.target.split('/') as [string, string];
  const deployment = await options.cluster.getDeployment(namespace, name);
  if (!deployment) return null;
  const running = deployment.spec?.replicas ?? 1;
  const recommended = options.prediction.instances;
  const firing = running !== recommended;
  const labels = {
    alertname: 'CapacityMismatch',
    severity: recommended > running ? 'warning' : 'info',
    namespace,
    deployment: name,
  };
  const now = new Date().toISOString();
  const webhook: AlertmanagerWebhook = {
    version: '4',
    groupKey: `capacity:${namespace}/${name}`,
    truncatedAlerts: 0,
    status: firing ? 'firing' : 'resolved',
    receiver: 'scheduler',
    groupLabels: { alertname: 'CapacityMismatch' },
    commonLabels: labels,
    commonAnnotations: {},
    externalURL: '',
    alerts: [
      {
        status: firing ? 'firing' : 'resolved',
        labels,
        annotations: {
          summary: `${recommended} instances recommended, ${running} running`,
          description: `forecast upper bound ${options.prediction.features.upper_qps} qps (model ${options.prediction.model_version}, confidence ${options.prediction.confidence.toFixed(2)})`,
        },
        startsAt: now,
        endsAt: firing ? '0001-01-01T00:00:00Z' : now,
        generatorURL: '',
        fingerprint: `capacity-${namespace}-${name}`,
      },
    ],
  };
  await intakeWebhook(webhook, options.store, options.queues, new Date(), 'capacity');
  return { running, recommended };
}
