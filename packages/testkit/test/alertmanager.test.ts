import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { startAlertmanager } from '../src/alertmanager';

it('starts Alertmanager, accepts an alert through API v2, and cleans up on stop', async () => {
  const alertmanager = await startAlertmanager();
  try {
    const posted = await fetch(`${alertmanager.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          labels: { alertname: 'HarnessTest', namespace: 'shop', deployment: 'web' },
          annotations: { summary: 'harness' },
          startsAt: new Date().toISOString(),
        },
      ]),
    });
    expect(posted.status).toBe(200);
    const alerts = (await (await fetch(`${alertmanager.url}/api/v2/alerts`)).json()) as {
      labels: Record<string, string>;
      status: { state: string };
    }[];
    expect(alerts.map((a) => a.labels)).toEqual([
      { alertname: 'HarnessTest', namespace: 'shop', deployment: 'web' },
    ]);
    expect(alerts[0]?.status.state).toBe('active');
  } finally {
    await alertmanager.stop();
  }
  expect(existsSync(alertmanager.dir)).toBe(false);
}, 40_000);

it('says how to install Alertmanager when the binary is missing', async () => {
  await expect(startAlertmanager({ binary: '/nonexistent/alertmanager' })).rejects.toThrow(
    'apt-get install -y --no-install-recommends prometheus prometheus-alertmanager',
  );
});
