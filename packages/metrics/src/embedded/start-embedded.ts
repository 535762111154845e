import { EmbeddedMetricsSource } from './embedded-source';
import { SampleStore } from './sample-store';
import { MetricsScraper } from './scraper';

export interface EmbeddedMetricsOptions {
  /** Text-format endpoints to scrape (the simulated cluster's /metrics). */
  urls: string[];
  scrapeIntervalMs?: number;
  scrapeTimeoutMs?: number;
  /** How much history to keep per series. */
  retentionMs?: number;
  maxSeries?: number;
}

export interface EmbeddedMetrics {
  source: EmbeddedMetricsSource;
  store: SampleStore;
  scrapers: MetricsScraper[];
  stop(): Promise<void>;
}

export const DEFAULT_SCRAPE_INTERVAL_MS = 5000;
export const DEFAULT_RETENTION_MS = 3_600_000;

/** The demo's metrics without Prometheus: scrapers that start at once, a bounded store, and a source over it. */
export function startEmbeddedMetrics(options: EmbeddedMetricsOptions): EmbeddedMetrics {
  const intervalMs = options.scrapeIntervalMs ?? DEFAULT_SCRAPE_INTERVAL_MS;
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
  const store = new SampleStore({
    samplesPerSeries: Math.ceil(retentionMs / intervalMs) + 1,
    retentionMs,
    maxSeries: options.maxSeries,
  });
  const scrapers = options.urls.map(
    (url) => new MetricsScraper({ url, store, intervalMs, timeoutMs: options.scrapeTimeoutMs }),
  );
  for (const scraper of scrapers) scraper.start();
  const source = new EmbeddedMetricsSource({
    store,
    scrapers,
    defaultStepSeconds: Math.max(1, Math.round(intervalMs / 1000)),
  });
  return {
    source,
    store,
    scrapers,
    stop: async () => void (await Promise.all(scrapers.map((s) => s.stop()))),
  };
}
