import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Incident } from '@aiops/contracts';
import { createRedis } from '@aiops/runtime';
import { startAlertmanager } from '@aiops/testkit/alertmanager';
import { type RunningServer, startPrometheus } from '@aiops/testkit/prometheus';
import { deletePrefix, testPrefix } from '@aiops/testkit/redis-prefix';
import { waitFor } from '@aiops/testkit/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPipeline, startPipeline } from '../support/pipeline-processes';
import { REPO } from '../support/service-process';

/**
 * The whole loop with the real neighbours: the simulated cluster runs a faulty scenario; a real Prometheus
 * (Debian's) scrapes it and evaluates infra/'s alert rules; a real Alertmanager posts to the ingress; the
 * pipeline detects (from that Prometheus), analyses, fixes, verifies, and a Feishu card reaches a local
 * receiver; then the alert resolves.
 */
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = testPrefix('alerting');
const dir = mkdtempSync(join(tmpdir(), 'aiops-alerting-'));
const servers: RunningServer[] = [];
let pipeline: RunningPipeline;

beforeAll(async () => {
  pipeline = await startPipeline(
    { QUEUE_PREFIX: prefix, PROMETHEUS_URL: 'http://127.0.0.1:1' },
    ['liveness-wrong-path'],
    5,
  );
  const alertmanager = await startAlertmanager({
    config: {
      route: {
        receiver: 'aiops',
        group_by: ['alertname', 'namespace', 'deployment'],
        group_wait: '1s',
        group_interval: '2s',
        repeat_interval: '4h',
      },
      receivers: [
        {
          name: 'aiops',
          webhook_configs: [
            {
              url: `${pipeline.url}/api/v1/alerts/alertmanager`,
              send_resolved: true,
              http_config: { authorization: { type: 'Bearer', credentials: pipeline.token } },
            },
          ],
        },
      ],
    },
  });
  servers.push(alertmanager);
  const ca = join(dir, 'cluster-ca.pem');
  writeFileSync(ca, pipeline.sim.caCertificate ?? '');
  const prometheus = await startPrometheus({
    scrapeInterval: '2s',
    evaluationInterval: '2s',
    ruleFiles: [`${REPO}infra/prometheus/rules/aiops.rules.yml`],
    alertmanagers: [alertmanager.url],
    scrapeConfigs: [
      {
        job_name: 'kubernetes',
        scheme: 'https',
        tls_config: { ca_file: ca },
        static_configs: [{ targets: [new URL(pipeline.sim.url).host] }],
      },
    ],
  });
  servers.push(prometheus);
}, 120_000);

afterAll(async () => {
  for (const s of servers.reverse()) await s.stop();
  await pipeline?.stop();
  await deletePrefix(redis, prefix);
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

const api = async <T>(path: string) =>
  ((await (await fetch(`${pipeline.url}${path}`)).json()) as { data: T }).data;

describe('Prometheus rule → Alertmanager → ingress → pipeline → Feishu', () => {
  it('fixes a crash-looping deployment from a real alert, tells the team, and resolves', async () => {
    const summary = await waitFor(
      async () =>
        (await api<{ incidents: Incident[] }>('/api/v1/incidents')).incidents.find(
          (i) => i.target.name === 'api-server',
        ),
      { timeoutMs: 240_000, intervalMs: 1000, what: 'an incident from Alertmanager' },
    );
    const fixed = await waitFor(
      async () => {
        const incident = await api<Incident>(`/api/v1/incidents/${summary.id}`);
        return incident.stages.notify?.state === 'done' ? incident : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 1000, what: 'the pipeline to finish' },
    );
    expect(fixed.outcome).toBe('fixed');
    expect(fixed.alerts[0]?.generatorURL).toMatch(/\/graph\?g0\.expr=/);
    const card = pipeline.feishu.received.find((m) => JSON.stringify(m.body).includes(summary.id));
    expect(card).toBeDefined();

    const firedAt = Math.min(...fixed.alerts.map((a) => Date.parse(a.startsAt)));
    const verified = fixed.timeline.find(
      (t) => t.stage === 'fix' && /^verify: every replica Ready/.test(t.message),
    );
    expect(verified).toBeDefined();
    const toCard = (card!.at.getTime() - firedAt) / 1000;
    const toVerified = (Date.parse(verified!.at) - firedAt) / 1000;
    console.log(
      `rule fired → Feishu card: ${toCard.toFixed(1)} s; rule fired → fix verified: ${toVerified.toFixed(1)} s`,
    );

    const resolved = await waitFor(
      async () => {
        const incident = await api<Incident>(`/api/v1/incidents/${summary.id}`);
        return incident.status === 'resolved' ? incident : undefined;
      },
      { timeoutMs: 240_000, intervalMs: 1000, what: 'Alertmanager to send the resolution' },
    );
    expect(resolved.alerts.every((a) => a.status === 'resolved')).toBe(true);
  }, 600_000);
});
