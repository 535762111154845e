import type { Aggregation, QueryTemplate, Selector } from '../promql/query-template';
import { parseSampleValue } from '../sample-value';
import type { Labels, Series } from '../series';
import { extrapolatedRate } from './extrapolated-rate';
import { type Bucket, histogramQuantile } from './histogram-quantile';
import { labelsKey } from './label-match';
import type { SampleStore } from './sample-store';

/** One series' value at an instant; `key` is labelsKey(labels). */
interface Element {
  key: string;
  labels: Labels;
  value: number;
}
/** The answer at one instant, one element per label set. */
type Vector = Element[];

/** How far back an instant query looks for a gauge's last sample (Prometheus' default lookback delta). */
export const DEFAULT_LOOKBACK_MS = 300_000;

/**
 * Evaluates a structured query over the store at startMs, startMs + stepMs, ... up to endMs, with Prometheus'
 * semantics (lookback for gauges, inclusive range windows, extrapolated rates, bucket interpolation).
 */
export function evaluateRange(
  store: SampleStore,
  query: QueryTemplate,
  startMs: number,
  endMs: number,
  stepMs: number,
  lookbackMs = DEFAULT_LOOKBACK_MS,
): Series[] {
  const at = compile(store, query, lookbackMs);
  const series = new Map<string, Series>();
  for (let t = startMs; t <= endMs; t += stepMs) {
    for (const element of at(t)) {
      let s = series.get(element.key);
      if (!s) {
        s = { labels: element.labels, timestamps: [], values: [] };
        series.set(element.key, s);
      }
      s.timestamps.push(t);
      s.values.push(element.value);
    }
  }
  return [...series.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

/** Turns a query into a function of time; label work is done once per series, not once per step. */
function compile(store: SampleStore, query: QueryTemplate, lookbackMs: number): (t: number) => Vector {
  switch (query.fn) {
    case 'select': {
      const selected = store.select(query.selector);
      return (t) => {
        const out: Vector = [];
        for (const s of selected) {
          const value = s.samples.latest(t, t - lookbackMs);
          if (value !== undefined) out.push({ key: s.key, labels: s.labels, value });
        }
        return out;
      };
    }
    case 'gauge': {
      const selected = compile(store, { fn: 'select', selector: query.selector }, lookbackMs);
      const aggregate = aggregator(query.aggregate, query.by);
      return (t) => aggregate(selected(t));
    }
    case 'rate':
    case 'increase': {
      const rates = perSeriesRates(store, query.selector, query.windowSeconds, query.fn === 'rate');
      const aggregate = aggregator(query.aggregate, query.by);
      return (t) => aggregate(rates(t));
    }
    case 'quantile': {
      const rates = perSeriesRates(store, query.selector, query.windowSeconds, true);
      const sumByBucket = aggregator('sum', ['le', ...query.by]);
      const quantiles = quantileOfBuckets(query.quantile);
      return (t) => quantiles(sumByBucket(rates(t)));
    }
    case 'ratio': {
      const numerator = compile(store, query.numerator, lookbackMs);
      const denominator = compile(store, query.denominator, lookbackMs);
      // Arithmetic drops the metric name, and matches series on all their other labels.
      const unnamed = relabeler(dropName);
      return (t) => {
        const above = new Map(numerator(t).map((e) => [unnamed(e.labels).key, e.value]));
        const out: Vector = [];
        for (const below of denominator(t)) {
          const { key, labels } = unnamed(below.labels);
          const top = above.get(key) ?? (query.zeroWhenNumeratorMissing ? 0 : undefined);
          if (top !== undefined) out.push({ key, labels, value: top / below.value });
        }
        return out;
      };
    }
  }
}

/** rate() or increase() of each selected series at t, metric name dropped (as PromQL functions drop it). */
function perSeriesRates(
  store: SampleStore,
  selector: Selector,
  windowSeconds: number,
  isRate: boolean,
): (t: number) => Vector {
  const windowMs = windowSeconds * 1000;
  const selected = store.select(selector).map((s) => {
    const labels = dropName(s.labels);
    return { samples: s.samples, key: labelsKey(labels), labels };
  });
  const window = { times: [] as number[], values: [] as number[] };
  return (t) => {
    const out: Vector = [];
    for (const s of selected) {
      const { times, values } = s.samples.range(t - windowMs, t, window);
      const value = extrapolatedRate(times, values, t - windowMs, t, isRate);
      if (value !== undefined) out.push({ key: s.key, labels: s.labels, value });
    }
    return out;
  };
}

/** `how by (labels)`: elements grouped on the `by` labels (an empty value counts as absent). */
function aggregator(how: Aggregation, by: string[]): (elements: Vector) => Vector {
  const group = relabeler((labels) => {
    const kept: Labels = {};
    for (const label of by) {
      const value = labels[label];
      if (value) kept[label] = value;
    }
    return kept;
  });
  return (elements) => {
    const groups = new Map<string, { labels: Labels; total: number; count: number; extreme: number }>();
    for (const element of elements) {
      const { key, labels } = group(element.labels);
      const g = groups.get(key);
      if (!g) {
        groups.set(key, { labels, total: element.value, count: 1, extreme: element.value });
        continue;
      }
      g.total += element.value;
      g.count++;
      const v = element.value;
      if (Number.isNaN(g.extreme) || (how === 'max' ? v > g.extreme : v < g.extreme)) g.extreme = v;
    }
    const out: Vector = [];
    for (const [key, g] of groups) {
      const value = how === 'sum' ? g.total : how === 'avg' ? g.total / g.count : g.extreme;
      out.push({ key, labels: g.labels, value });
    }
    return out;
  };
}

/** histogram_quantile over bucket rates already summed by (le, by...). */
function quantileOfBuckets(q: number): (bucketRates: Vector) => Vector {
  const withoutLe = relabeler(({ le: _le, ...rest }) => rest);
  const upperBounds = new WeakMap<Labels, number | undefined>();
  const upperBound = (labels: Labels) => {
    if (!upperBounds.has(labels)) upperBounds.set(labels, parseSampleValue(labels.le ?? ''));
    return upperBounds.get(labels);
  };
  return (bucketRates) => {
    const groups = new Map<string, { labels: Labels; buckets: Bucket[] }>();
    for (const { labels, value } of bucketRates) {
      const bound = upperBound(labels);
      if (bound === undefined) continue;
      const { key, labels: rest } = withoutLe(labels);
      const g = groups.get(key);
      if (g) g.buckets.push({ upperBound: bound, count: value });
      else groups.set(key, { labels: rest, buckets: [{ upperBound: bound, count: value }] });
    }
    const out: Vector = [];
    for (const [key, g] of groups)
      out.push({ key, labels: g.labels, value: histogramQuantile(q, g.buckets) });
    return out;
  };
}

/**
 * A label transformation remembered per input label set: series keep the same label objects from step to step,
 * so each set is transformed and keyed once.
 */
function relabeler(
  transform: (labels: Labels) => Labels,
): (labels: Labels) => { key: string; labels: Labels } {
  const cache = new WeakMap<Labels, { key: string; labels: Labels }>();
  return (labels) => {
    let hit = cache.get(labels);
    if (!hit) {
      const out = transform(labels);
      hit = { key: labelsKey(out), labels: out };
      cache.set(labels, hit);
    }
    return hit;
  };
}

function dropName(labels: Labels): Labels {
  const { __name__: _name, ...rest } = labels;
  return rest;
}
