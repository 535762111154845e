/** A label matcher as PromQL writes it; regular expressions are anchored at both ends, as in Prometheus. */
export interface LabelMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** A metric name and label matchers: `metric{label="value", ...}`. */
export interface Selector {
  metric: string;
  matchers: LabelMatcher[];
}

export type Aggregation = 'sum' | 'avg' | 'max' | 'min';

/**
 * A query in structured form, so that it can be rendered to PromQL for Prometheus and evaluated directly by the
 * embedded source. Aggregations keep only the `by` labels, as PromQL's `sum by (...)`.
 */
export type QueryTemplate =
  /** The raw series: `metric{...}`. */
  | { fn: 'select'; selector: Selector }
  /** A gauge's current value, aggregated: `sum by (...) (metric{...})`. */
  | { fn: 'gauge'; selector: Selector; aggregate: Aggregation; by: string[] }
  /** A counter's per-second rate or its increase over the window, aggregated: `sum by (...) (rate(metric{...}[w]))`. */
  | {
      fn: 'rate' | 'increase';
      selector: Selector;
      windowSeconds: number;
      aggregate: Aggregation;
      by: string[];
    }
  /** A quantile of a histogram's `_bucket` counters: `histogram_quantile(q, sum by (le, ...) (rate(bucket{...}[w])))`. */
  | { fn: 'quantile'; quantile: number; selector: Selector; windowSeconds: number; by: string[] }
  /**
   * One query divided by another, series matched on identical labels: `(a) / (b)`. With zeroWhenNumeratorMissing,
   * a series present only in the denominator gives 0 (an error rate is 0, not absent, before the first error).
   */
  | { fn: 'ratio'; numerator: QueryTemplate; denominator: QueryTemplate; zeroWhenNumeratorMissing?: boolean };
