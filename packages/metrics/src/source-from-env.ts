import { z } from 'zod';
import { startEmbeddedMetrics } from './embedded/start-embedded';
import { PrometheusClient } from './prometheus-client';
import type { MetricsSource } from './series';

const urls = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url({ error: 'each entry must be a URL' })));

/**
 * Where metrics come from: Prometheus (PROMETHEUS_URL, the seed's default host), or, when
 * METRICS_SCRAPE_URLS is set, the embedded scraper over those text-format endpoints (the demo's default).
 */
export const MetricsEnvSchema = z.object({
  PROMETHEUS_URL: z.url({ error: 'must be a URL' }).default('http://127.0.0.1:9090'),
  PROMETHEUS_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  METRICS_SCRAPE_URLS: urls,
  METRICS_SCRAPE_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(5000),
});
export type MetricsEnv = z.infer<typeof MetricsEnvSchema>;

export function metricsSourceFromEnv(env: MetricsEnv): { source: MetricsSource; stop(): Promise<void> } {
  if (env.METRICS_SCRAPE_URLS.length > 0) {
    const embedded = startEmbeddedMetrics({
      urls: env.METRICS_SCRAPE_URLS,
      scrapeIntervalMs: env.METRICS_SCRAPE_INTERVAL_MS,
    });
    return { source: embedded.source, stop: () => embedded.stop() };
  }
  const client = new PrometheusClient({ baseUrl: env.PROMETHEUS_URL, timeoutMs: env.PROMETHEUS_TIMEOUT_MS });
  return { source: client, stop: async () => undefined };
}
