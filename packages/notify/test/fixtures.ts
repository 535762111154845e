import { type ActionRecord, type Finding, type Incident, IncidentSchema } from '@aiops/contracts';

const T0 = '2026-11-28T10:00:00.000Z';
const T1 = '2026-11-28T10:02:00.000Z';

const api = { kind: 'Deployment', namespace: 'shop', name: 'api' };

export const probeFinding: Finding = {
  category: 'probe-path-not-found',
  resource: api,
  container: 'api',
  message: 'readiness probe GET /healthz answers 404; the container serves /health',
  fixable: true,
  evidence: [{ kind: 'probe', source: 'http://10.0.0.7:8080/healthz', text: 'HTTP 404' }],
};

export const crashFinding: Finding = {
  category: 'crash-loop',
  resource: api,
  container: 'api',
  message: 'container api exits with code 1: "DATABASE_URL is not a valid URL"',
  fixable: false,
  evidence: [
    { kind: 'log', source: 'pod shop/api-7d9f (previous)', text: 'Error: DATABASE_URL is not a valid URL' },
  ],
};

export const probePatch: ActionRecord = {
  id: 'act-1',
  at: T1,
  actor: 'pipeline:inc-1',
  reason: 'readiness probe path /healthz does not exist; the container serves /health',
  kind: 'patch',
  category: 'probe-path-not-found',
  target: api,
  changes: [
    {
      path: 'spec.template.spec.containers[api].readinessProbe.httpGet.path',
      before: '/healthz',
      after: '/health',
    },
  ],
  dryRun: { ok: true, message: 'server dry-run accepted' },
  outcome: 'verified',
  detail: 'rollout complete; 3/3 pods ready for 60 s',
};

/** An incident as the pipeline leaves it; each scenario overrides what differs. */
export function incident(overrides: Partial<Incident> = {}): Incident {
  return IncidentSchema.parse({
    id: 'inc-a1b2c3d4e5f6-m3k9',
    source: 'alertmanager',
    groupKey: '{}:{alertname="KubePodNotReady"}',
    title: 'KubePodNotReady on deployment shop/api',
    status: 'fixed',
    outcome: 'fixed',
    severity: 'warning',
    target: { kind: 'deployment', namespace: 'shop', name: 'api' },
    request: null,
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'KubePodNotReady', namespace: 'shop', severity: 'warning' },
        annotations: { summary: 'Pods of shop/api are not ready' },
        startsAt: T0,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: '',
        fingerprint: 'f1',
      },
    ],
    createdAt: T0,
    updatedAt: T1,
    resolvedAt: null,
    stages: {},
    timeline: [],
    detection: { source: 'embedded', available: true, seriesScored: 12 },
    anomalies: [],
    correlations: [],
    findings: [probeFinding],
    rca: {
      candidates: [
        {
          rank: 1,
          resource: api,
          score: 0.91,
          confidence: 0.87,
          reason: 'readiness failures started with the rollout of revision 14',
          evidence: [],
        },
        {
          rank: 2,
          resource: { kind: 'Service', namespace: 'shop', name: 'api' },
          score: 0.4,
          confidence: 0.3,
          reason: 'no endpoints ready',
          evidence: [],
        },
        {
          rank: 3,
          resource: { kind: 'Node', name: 'node-2' },
          score: 0.2,
          confidence: 0.1,
          reason: 'CPU steady',
          evidence: [],
        },
        {
          rank: 4,
          resource: { kind: 'Pod', namespace: 'shop', name: 'db-0' },
          score: 0.1,
          confidence: 0.05,
          reason: 'unrelated',
          evidence: [],
        },
      ],
      summary: 'The readiness probe of shop/api checks /healthz, which the new release no longer serves.',
      summarySource: 'deterministic',
      report: '# RCA\n\nThe readiness probe fails since revision 14.',
    },
    plan: { source: 'deterministic', summary: 'Point the readiness probe at /health', steps: [] },
    fix: {
      status: 'fixed',
      actionsTaken: ['readiness probe path /healthz -> /health'],
      error: '',
      rounds: 1,
    },
    actions: [probePatch],
    notifications: [],
    ...overrides,
  });
}

export const fixedIncident = () => incident();

export const escalatedIncident = () =>
  incident({
    id: 'inc-escalated-01',
    title: 'KubePodCrashLooping on deployment shop/api',
    status: 'escalated',
    outcome: 'escalated',
    severity: 'critical',
    findings: [crashFinding],
    plan: {
      source: 'deterministic',
      summary: 'No safe fix: the application rejects its configuration',
      steps: [],
    },
    fix: {
      status: 'escalated',
      actionsTaken: [],
      error: 'crash-loop fixes are not allowed by policy',
      rounds: 1,
    },
    actions: [
      {
        ...probePatch,
        id: 'act-2',
        kind: 'escalate',
        category: 'crash-loop',
        changes: [],
        dryRun: null,
        outcome: 'escalated',
        detail: 'crash-loop fixes are not allowed by policy',
      },
    ],
  });

export const failedIncident = () =>
  incident({
    id: 'inc-failed-01',
    status: 'failed',
    outcome: 'failed',
    severity: 'warning',
    findings: [],
    rca: null,
    plan: null,
    fix: null,
    actions: [],
    stages: {
      detect: { state: 'done', attempts: 1 },
      analyze: {
        state: 'failed',
        attempts: 3,
        error: 'Prometheus at http://prom:9090 refused the connection',
      },
    },
  });

export const healthyIncident = (severity: Incident['severity']) =>
  incident({
    id: `inc-healthy-${severity}`,
    status: 'healthy',
    outcome: 'healthy',
    severity,
    findings: [],
    rca: null,
    plan: null,
    fix: { status: 'healthy', actionsTaken: [], error: '', rounds: 1 },
    actions: [],
  });

export const resolvedIncident = () =>
  incident({
    id: 'inc-resolved-01',
    status: 'resolved',
    resolvedAt: '2026-11-28T10:30:00.000Z',
    notifications: [
      {
        key: 'inc-resolved-01:fixed',
        channel: 'feishu',
        event: 'fixed',
        level: 'info',
        at: T1,
        ok: true,
        detail: 'card accepted',
      },
    ],
  });

export const capacityIncident = () =>
  incident({
    id: 'inc-capacity-01',
    source: 'capacity',
    title: 'Memory of node pool general runs out in 6 days',
    status: 'notified',
    outcome: null,
    severity: 'warning',
    target: { kind: 'cluster' },
    findings: [],
    rca: null,
    plan: null,
    fix: null,
    actions: [],
  });
