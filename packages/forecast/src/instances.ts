import { InvalidParameterError, NegativeValueError, NonFiniteValueError } from './errors';
import { DEFAULT_LEVEL } from './models/model';
import { normalCdf, normalQuantile } from './stats';

/** The seed's PREDICTION_MAX_INSTANCES default. */
export const DEFAULT_MAX_INSTANCES = 20;
export const DEFAULT_MIN_INSTANCES = 1;

export interface InstanceRequest {
  /** Forecast mean of the request rate at the busiest point of the period being provisioned. */
  meanQps: number;
  /** Upper bound of the forecast's interval at that point. */
  upperQps: number;
  /** Central level of that interval (default 0.95), e.g. 0.95 makes `upperQps` the 97.5% quantile. */
  level?: number;
  /** Request rate one instance serves. */
  qpsPerInstance: number;
  minInstances?: number;
  maxInstances?: number;
}

export interface InstanceRecommendation {
  instances: number;
  /**
   * Probability that `instances` cover the demand: the forecast is read as a normal distribution whose
   * upper tail passes through `upperQps` at its quantile, and the confidence is its value at the capacity
   * (instances × qpsPerInstance). Uncapped, rounding up keeps it at or above the interval's upper
   * quantile (0.975 at level 0.95); capped at maxInstances, it drops to what the cap still covers.
   */
  confidence: number;
  /** True when the forecast needed more than maxInstances. */
  capped: boolean;
  /** Instances the upper bound needs, before the bounds. */
  required: number;
}

function checkRate(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new NonFiniteValueError(`${name} is ${value}, not a finite number`);
  if (value < 0) throw new NegativeValueError(`${name} is ${value}; rates must not be negative`);
}

/** Throws InvalidParameterError unless the rate per instance is positive and 1 ≤ min ≤ max are whole. */
export function validateCapacity(capacity: {
  qpsPerInstance: number;
  minInstances?: number;
  maxInstances?: number;
}) {
  const { qpsPerInstance } = capacity;
  const minInstances = capacity.minInstances ?? DEFAULT_MIN_INSTANCES;
  const maxInstances = capacity.maxInstances ?? DEFAULT_MAX_INSTANCES;
  if (!(qpsPerInstance > 0) || !Number.isFinite(qpsPerInstance)) {
    throw new InvalidParameterError(`qpsPerInstance must be a positive number, got ${qpsPerInstance}`);
  }
  if (!Number.isInteger(minInstances) || minInstances < 1) {
    throw new InvalidParameterError(`minInstances must be a whole number of at least 1, got ${minInstances}`);
  }
  if (!Number.isInteger(maxInstances) || maxInstances < minInstances) {
    throw new InvalidParameterError(
      `maxInstances must be a whole number ≥ minInstances, got ${maxInstances}`,
    );
  }
}

/**
 * Instances for a forecast: enough for its upper bound (ceil(upperQps / qpsPerInstance)), kept within
 * [minInstances, maxInstances], with the probability that they suffice.
 */
export function recommendInstances(request: InstanceRequest): InstanceRecommendation {
  const { meanQps, upperQps, qpsPerInstance } = request;
  const level = request.level ?? DEFAULT_LEVEL;
  const minInstances = request.minInstances ?? DEFAULT_MIN_INSTANCES;
  const maxInstances = request.maxInstances ?? DEFAULT_MAX_INSTANCES;
  checkRate('meanQps', meanQps);
  checkRate('upperQps', upperQps);
  if (upperQps < meanQps)
    throw new InvalidParameterError(`upperQps (${upperQps}) is below meanQps (${meanQps})`);
  if (!(qpsPerInstance > 0) || !Number.isFinite(qpsPerInstance)) {
    throw new InvalidParameterError(`qpsPerInstance must be a positive number, got ${qpsPerInstance}`);
  }
  if (!Number.isInteger(minInstances) || minInstances < 1) {
    throw new InvalidParameterError(`minInstances must be a whole number of at least 1, got ${minInstances}`);
  }
  if (!Number.isInteger(maxInstances) || maxInstances < minInstances) {
    throw new InvalidParameterError(
      `maxInstances must be a whole number ≥ minInstances, got ${maxInstances}`,
    );
  }
  if (!(level > 0 && level < 1)) throw new InvalidParameterError(`level must be in (0, 1), got ${level}`);
  // A relative epsilon keeps an upper bound of exactly k instances' worth from asking for k + 1.
  const required = Math.max(0, Math.ceil(upperQps / qpsPerInstance - 1e-9));
  const instances = Math.min(maxInstances, Math.max(minInstances, required));
  const capacity = instances * qpsPerInstance;
  const spread = (upperQps - meanQps) / normalQuantile((1 + level) / 2);
  const confidence = spread > 0 ? normalCdf((capacity - meanQps) / spread) : capacity >= meanQps ? 1 : 0;
  return { instances, confidence, capped: required > maxInstances, required };
}
