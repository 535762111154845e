/** The query itself cannot be answered (bad PromQL, an unsupported query, a bad range): the caller's input is at fault. */
export class MetricsQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricsQueryError';
  }
}

/** Prometheus refused the query (HTTP 400 or 422); carries Prometheus' own message and error type. */
export class PrometheusQueryError extends MetricsQueryError {
  constructor(
    readonly prometheusError: string,
    readonly errorType: string,
    readonly status: number,
  ) {
    super(prometheusError);
    this.name = 'PrometheusQueryError';
  }
}

/** The embedded source evaluates only structured templates, never PromQL text. */
export class UnsupportedQueryError extends MetricsQueryError {
  constructor(readonly query: string) {
    super(
      `PromQL is not supported by the embedded source; configure PROMETHEUS_URL to run arbitrary queries (query: ${query})`,
    );
    this.name = 'UnsupportedQueryError';
  }
}

/** The metrics source could not answer now (down, slow, broken); the query may succeed later. */
export class MetricsUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MetricsUnavailableError';
  }
}

export type UnavailableReason = 'connection' | 'timeout' | 'http' | 'response';

/** Prometheus did not answer usefully: connection refused, timeout, 5xx or another non-query status, garbled body. */
export class PrometheusUnavailableError extends MetricsUnavailableError {
  constructor(
    message: string,
    readonly reason: UnavailableReason,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'PrometheusUnavailableError';
  }
}
