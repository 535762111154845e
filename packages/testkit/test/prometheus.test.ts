import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/free-port';
import { startPrometheus } from '../src/prometheus';
import { waitFor } from '../src/wait-for';

async function instant(
  url: string,
  query: string,
  time?: number,
): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const params = new URLSearchParams({ query, ...(time ? { time: String(time) } : {}) });
  const body = (await (await fetch(`${url}/api/v1/query?${params}`)).json()) as {
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  return body.data.result;
}

describe('startPrometheus', () => {
  let target: Server;
  let targetUrl: string;

  beforeAll(async () => {
    target = createServer((_req, res) => {
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      res.end('# TYPE harness_answer gauge\nharness_answer{kind="test"} 42\n');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const address = target.address();
    targetUrl = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => target.close(() => resolve())));

  it('scrapes, evaluates rules, answers queries, and cleans up on stop', async () => {
    const prometheus = await startPrometheus({
      scrapeInterval: '1s',
      scrapeConfigs: [{ job_name: 'harness', static_configs: [{ targets: [targetUrl] }] }],
      rules: [
        'groups:',
        '  - name: harness',
        '    rules:',
        '      - record: harness_answer:doubled',
        '        expr: harness_answer * 2',
      ].join('\n'),
    });
    try {
      expect(prometheus.url).toBe(`http://127.0.0.1:${prometheus.port}`);
      const doubled = await waitFor(
        async () => (await instant(prometheus.url, 'harness_answer:doubled'))[0],
        {
          timeoutMs: 20_000,
          what: 'the recording rule over the scraped gauge',
        },
      );
      expect(doubled.value[1]).toBe('84');
      expect(doubled.metric).toMatchObject({ job: 'harness', kind: 'test' });
    } finally {
      await prometheus.stop();
    }
    expect(existsSync(prometheus.dir)).toBe(false);
    await expect(fetch(`${prometheus.url}/-/ready`)).rejects.toThrow();
  }, 40_000);

  it('backfills OpenMetrics data with promtool before starting', async () => {
    const hour = 3_600;
    const base = Math.floor(Date.now() / 1000 / (2 * hour)) * 2 * hour - 4 * hour;
    const prometheus = await startPrometheus({
      openMetricsBackfill: [
        '# TYPE harness_backfilled gauge',
        `harness_backfilled{series="a"} 7 ${base}`,
        `harness_backfilled{series="a"} 8 ${base + 60}`,
        '# EOF',
        '',
      ].join('\n'),
    });
    try {
      const [sample] = await instant(prometheus.url, 'harness_backfilled', base + 90);
      expect(sample?.value).toEqual([base + 90, '8']);
    } finally {
      await prometheus.stop();
    }
  }, 40_000);

  it('reports promtool refusing bad backfill input', async () => {
    await expect(startPrometheus({ openMetricsBackfill: 'not { openmetrics\n' })).rejects.toThrow(/promtool/);
  }, 20_000);

  it('says how to install Prometheus when the binary is missing', async () => {
    await expect(startPrometheus({ binary: '/nonexistent/prometheus' })).rejects.toThrow(
      'apt-get install -y --no-install-recommends prometheus prometheus-alertmanager',
    );
  });

  it('fails with the server output when Prometheus cannot start', async () => {
    await expect(startPrometheus({ extraArgs: ['--no-such-flag'] })).rejects.toThrow(
      /prometheus did not start[\s\S]*no-such-flag/,
    );
  }, 20_000);
});

describe('freePort', () => {
  it('gives a port that a server can listen on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    const address = server.address();
    expect(typeof address === 'object' && address?.port).toBe(port);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
