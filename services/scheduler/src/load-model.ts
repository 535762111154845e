import type { ForecastJob, PredictData, WorkerAnswer } from '@aiops/contracts';
import {
  ForecastInputError,
  HorizonTooLongError,
  InvalidTimestampError,
  LoadPredictor,
  NegativeValueError,
  NonFiniteValueError,
} from '@aiops/forecast';
import type { MetricsSource } from '@aiops/metrics';
import { MetricsUnavailableError } from '@aiops/metrics';
import type { SchedulerEnv } from './env';
import { readHistory } from './history';

/**
 * The fitted load model of this scheduler, refreshed on schedule; API questions are answered from it. Fitting
 * takes seconds of CPU, which is why it lives here and not in the ingress.
 */
export class LoadModel {
  private predictor: LoadPredictor | undefined;
  private lastError = 'the load model has not been fitted yet';

  constructor(
    private readonly env: SchedulerEnv,
    private readonly source: MetricsSource,
  ) {}

  /** Refits on fresh history; keeps the previous model when the history cannot be read. */
  async refresh(): Promise<PredictData | null> {
    try {
      const history = await readHistory(this.env, this.source);
      this.predictor = LoadPredictor.fit(history, {
        qpsPerInstance: this.env.PREDICTION_QPS_PER_INSTANCE,
        minInstances: this.env.PREDICTION_MIN_INSTANCES,
        maxInstances: this.env.PREDICTION_MAX_INSTANCES,
      });
      return this.predictor.current();
    } catch (error) {
      this.lastError = `no prediction: ${error instanceof Error ? error.message : String(error)}`;
      if (error instanceof ForecastInputError || error instanceof MetricsUnavailableError) return null;
      throw error;
    }
  }

  /** Answers an API question; input errors become 400s, a missing model a 503. */
  async answer(job: Exclude<ForecastJob, { kind: 'refresh' }>): Promise<WorkerAnswer> {
    if (!this.predictor) await this.refresh();
    const predictor = this.predictor;
    if (!predictor) return { ok: false, status: 503, message: this.lastError };
    try {
      switch (job.kind) {
        case 'current':
          return { ok: true, data: predictor.current() };
        case 'predict':
          return {
            ok: true,
            data: predictor.fromCurrent({
              currentQps: job.current_qps,
              timestamp: job.timestamp ?? Date.now(),
            }),
          };
        case 'trend':
          return { ok: true, data: predictor.trend({ hours: job.hours, stepMinutes: job.step_minutes }) };
      }
    } catch (error) {
      if (error instanceof ForecastInputError) {
        return { ok: false, status: 400, message: error.message, field: fieldOf(job.kind, error) };
      }
      throw error;
    }
  }
}

/** The request field a forecast input error is about. */
function fieldOf(kind: 'current' | 'predict' | 'trend', error: ForecastInputError): string | undefined {
  if (kind === 'trend') return error instanceof HorizonTooLongError ? 'hours' : undefined;
  if (kind !== 'predict') return undefined;
  if (error instanceof InvalidTimestampError) return 'timestamp';
  if (error instanceof NegativeValueError || error instanceof NonFiniteValueError) return 'current_qps';
  return undefined;
}
