import type { QueryTemplate } from './promql/query-template';

export type Labels = Record<string, string>;

/** One time series of a query answer. Values keep Prometheus' NaN and ±Inf as JavaScript NaN and ±Infinity. */
export interface Series {
  labels: Labels;
  /** Unix milliseconds, ascending. */
  timestamps: number[];
  values: number[];
}

/** A query: PromQL text, or a structured template that every source can evaluate. */
export type MetricQuery = string | QueryTemplate;

/** Where the pipeline reads metrics from: a real Prometheus or the embedded scraper. */
export interface MetricsSource {
  /** Evaluates the query at start, start + step, ... up to end; the step may be raised to respect the point limit. */
  queryRange(query: MetricQuery, startMs: number, endMs: number, stepSeconds?: number): Promise<Series[]>;
  /** Names the source for records and health: the Prometheus URL, or "embedded". */
  describe(): string;
}
