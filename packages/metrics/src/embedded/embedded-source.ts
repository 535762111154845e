import { MetricsUnavailableError, UnsupportedQueryError } from '../errors';
import type { MetricQuery, MetricsSource, Series } from '../series';
import { stepForRange } from '../step';
import { DEFAULT_LOOKBACK_MS, evaluateRange } from './evaluate';
import type { SampleStore } from './sample-store';
import type { MetricsScraper } from './scraper';

export interface EmbeddedSourceOptions {
  store: SampleStore;
  /** The scrapers filling the store, consulted to explain an empty store. */
  scrapers?: MetricsScraper[];
  /** Step of range queries that do not give one (default 15 s). */
  defaultStepSeconds?: number;
  lookbackMs?: number;
}

/** Answers structured queries from the in-memory store, for the demo without a Prometheus. */
export class EmbeddedMetricsSource implements MetricsSource {
  constructor(private readonly options: EmbeddedSourceOptions) {}

  describe(): string {
    return 'embedded';
  }

  async queryRange(
    query: MetricQuery,
    startMs: number,
    endMs: number,
    stepSeconds?: number,
  ): Promise<Series[]> {
    if (typeof query === 'string') throw new UnsupportedQueryError(query);
    const step = stepForRange(startMs, endMs, stepSeconds ?? this.options.defaultStepSeconds ?? 15);
    const { store, scrapers = [] } = this.options;
    const failing = scrapers.map((s) => s.status()).filter((s) => s.lastError !== undefined);
    if (store.stats.series === 0 && scrapers.length > 0 && failing.length === scrapers.length) {
      throw new MetricsUnavailableError(
        `embedded metrics have no samples: ${failing.map((s) => `${s.url}: ${s.lastError}`).join('; ')}`,
      );
    }
    return evaluateRange(
      store,
      query,
      startMs,
      endMs,
      Math.round(step * 1000),
      this.options.lookbackMs ?? DEFAULT_LOOKBACK_MS,
    );
  }
}
