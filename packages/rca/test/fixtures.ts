import type { ClusterEvent, EntityRef, MetricSeries, RankingInput } from '../src/input';

export const START = Date.UTC(2025, 0, 15, 10, 0, 0);
export const STEP = 10_000;
export const POINTS = 120;
/** The fault of the hand-made incidents begins at point 80. */
export const FAULT_INDEX = 80;
export const FAULT_TIME = START + FAULT_INDEX * STEP;

export const svc = (name: string): EntityRef => ({ kind: 'service', name, namespace: 'shop' });

/** A noisy but deterministic baseline (no random numbers: a mix of incommensurate waves). */
export function baseline(level: number, spread: number, phase = 0): number[] {
  return Array.from(
    { length: POINTS },
    (_, i) => level + spread * (Math.sin(i * 1.7 + phase) * 0.6 + Math.sin(i * 0.37 + 2 * phase) * 0.4),
  );
}

/** The baseline with `shift` added from `from` on (a level shift, the simplest fault). */
export function shifted(
  level: number,
  spread: number,
  shift: number,
  from = FAULT_INDEX,
  phase = 0,
): number[] {
  return baseline(level, spread, phase).map((v, i) => (i >= from ? v + shift : v));
}

export function series(entity: EntityRef, metric: string, values: number[], unit?: string): MetricSeries {
  return {
    entity,
    metric,
    ...(unit ? { unit } : {}),
    timestamps: values.map((_, i) => START + i * STEP),
    values,
  };
}

export function event(
  entity: EntityRef,
  kind: ClusterEvent['kind'],
  time: number,
  detail = '',
): ClusterEvent {
  return { entity, kind, time, detail };
}

/**
 * frontend → checkout → payment, and frontend → catalog. Payment's latency jumps at the fault; checkout
 * and frontend follow two and four steps later; catalog stays normal. A rollout of payment came just
 * before, and a harmless config change hit catalog long before.
 */
export function paymentIncident(): RankingInput {
  return {
    entities: [svc('frontend'), svc('checkout'), svc('payment'), svc('catalog')],
    series: [
      series(svc('payment'), 'latency-90', shifted(40, 3, 300, FAULT_INDEX, 0.1), 'ms'),
      series(svc('payment'), 'cpu', baseline(0.4, 0.02, 0.2), 'cores'),
      series(svc('checkout'), 'latency-90', shifted(120, 8, 290, FAULT_INDEX + 2, 0.3), 'ms'),
      series(svc('frontend'), 'latency-90', shifted(300, 20, 280, FAULT_INDEX + 4, 0.5), 'ms'),
      series(svc('catalog'), 'latency-90', baseline(60, 4, 0.7), 'ms'),
    ],
    edges: [
      { from: svc('frontend'), to: svc('checkout'), kind: 'calls' },
      { from: svc('checkout'), to: svc('payment'), kind: 'calls' },
      { from: svc('frontend'), to: svc('catalog'), kind: 'calls' },
    ],
    events: [
      event(svc('payment'), 'rollout', FAULT_TIME - 20_000, 'image payment:v2.1.0'),
      event(svc('catalog'), 'config', START + 5 * STEP, 'ConfigMap catalog-config updated'),
    ],
    alertTime: FAULT_TIME + 60_000,
  };
}
