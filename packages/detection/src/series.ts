/** A metric's series as the pipeline hands it over: Prometheus-style name and labels, Unix ms timestamps. */
export interface LabeledSeries {
  metric: string;
  labels: Record<string, string>;
  /** Unix ms, increasing, same length as `values`. */
  timestamps: number[];
  /** NaN marks a gap. */
  values: number[];
}
