import type { Selector } from '../promql/query-template';
import type { Labels } from '../series';
import { compileMatchers, labelsKey } from './label-match';
import { RingBuffer } from './ring-buffer';

export interface StoredSeries {
  key: string;
  /** All labels, the metric name as `__name__`. */
  labels: Labels;
  samples: RingBuffer;
}

export interface SampleStoreOptions {
  /** Samples kept per series (the ring's size): retention / scrape interval, plus one. */
  samplesPerSeries?: number;
  /** New series beyond this are refused (and counted) until old ones are pruned. */
  maxSeries?: number;
  /** A series with nothing newer than this is removed by prune(). */
  retentionMs?: number;
}

export type AppendResult = 'appended' | 'out-of-order' | 'series-limit';

/** The embedded source's memory: a bounded ring of samples per series, indexed by metric name. */
export class SampleStore {
  readonly samplesPerSeries: number;
  readonly maxSeries: number;
  readonly retentionMs: number;
  private readonly byKey = new Map<string, StoredSeries>();
  private readonly byMetric = new Map<string, Map<string, StoredSeries>>();
  private refused = 0;

  constructor(options: SampleStoreOptions = {}) {
    this.samplesPerSeries = options.samplesPerSeries ?? 721;
    this.maxSeries = options.maxSeries ?? 20_000;
    this.retentionMs = options.retentionMs ?? 3_600_000;
  }

  /** Adds a sample; the key may be passed when the caller already computed it. */
  append(labels: Labels, timeMs: number, value: number, key = labelsKey(labels)): AppendResult {
    let series = this.byKey.get(key);
    if (!series) {
      if (this.byKey.size >= this.maxSeries) {
        this.refused++;
        return 'series-limit';
      }
      series = { key, labels, samples: new RingBuffer(this.samplesPerSeries) };
      this.byKey.set(key, series);
      const name = labels.__name__ ?? '';
      let ofMetric = this.byMetric.get(name);
      if (!ofMetric) {
        ofMetric = new Map();
        this.byMetric.set(name, ofMetric);
      }
      ofMetric.set(key, series);
    }
    return series.samples.push(timeMs, value) ? 'appended' : 'out-of-order';
  }

  /** Records that a series vanished from its target at timeMs, so queries stop seeing its last value. */
  markStale(key: string, timeMs: number): void {
    this.byKey.get(key)?.samples.markStale(timeMs);
  }

  select(selector: Selector): StoredSeries[] {
    const ofMetric = this.byMetric.get(selector.metric);
    if (!ofMetric) return [];
    const matches = compileMatchers(selector.matchers);
    return [...ofMetric.values()].filter((s) => matches(s.labels));
  }

  /** Removes series whose newest sample is older than the retention; returns how many went. */
  prune(nowMs: number): number {
    const cutoff = nowMs - this.retentionMs;
    let removed = 0;
    for (const [key, series] of this.byKey) {
      if (series.samples.newestTime >= cutoff) continue;
      this.byKey.delete(key);
      const name = series.labels.__name__ ?? '';
      const ofMetric = this.byMetric.get(name);
      ofMetric?.delete(key);
      if (ofMetric?.size === 0) this.byMetric.delete(name);
      removed++;
    }
    return removed;
  }

  get stats(): { series: number; samples: number; refusedSeries: number } {
    let samples = 0;
    for (const series of this.byKey.values()) samples += series.samples.size;
    return { series: this.byKey.size, samples, refusedSeries: this.refused };
  }
}
