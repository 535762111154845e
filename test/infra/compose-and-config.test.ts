import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../support/service-process';

interface ComposeService {
  image?: string;
  command?: string[];
  build?: unknown;
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(`${REPO}docker-compose.yml`, 'utf8'), {
    merge: true,
    maxAliasCount: -1,
  }) as {
    services: Record<string, ComposeService>;
  };

  it('runs Redis, Prometheus, Alertmanager, Grafana, Ollama, the ingress and every stage', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([
        'redis',
        'prometheus',
        'alertmanager',
        'grafana',
        'ollama',
        'ingress',
        'detector',
        'analyzer',
        'planner',
        'fixer',
        'notifier',
        'scheduler',
      ]),
    );
  });

  it('starts each of our services from an entry point that exists in the image', () => {
    const ours = Object.entries(compose.services).filter(([, s]) => s.build);
    expect(ours.length).toBeGreaterThanOrEqual(8);
    for (const [name, service] of ours) {
      const entry = service.command?.[0];
      expect(() => readFileSync(`${REPO}${entry}`), `${name}: ${entry}`).not.toThrow();
    }
  });
});

describe('Prometheus and Alertmanager configuration (checked by their own tools)', () => {
  it('has valid alert rules and scrape config', () => {
    const rules = execFileSync('promtool', [
      'check',
      'rules',
      `${REPO}infra/prometheus/rules/aiops.rules.yml`,
    ]).toString();
    expect(rules).toMatch(/SUCCESS: 6 rules found/);
    const config = execFileSync('promtool', [
      'check',
      'config',
      '--syntax-only',
      `${REPO}infra/prometheus/prometheus.yml`,
    ]).toString();
    expect(config).toMatch(/SUCCESS/);
  });

  it('routes every alert to the ingress webhook with the bearer token', () => {
    const out = execFileSync('amtool', [
      'check-config',
      `${REPO}infra/alertmanager/alertmanager.yml`,
    ]).toString();
    expect(out).toMatch(/SUCCESS/);
    const config = parse(readFileSync(`${REPO}infra/alertmanager/alertmanager.yml`, 'utf8'));
    const hook = config.receivers[0].webhook_configs[0];
    expect(hook.url).toMatch(/\/api\/v1\/alerts\/alertmanager$/);
    expect(hook.http_config.authorization.type).toBe('Bearer');
  });
});
