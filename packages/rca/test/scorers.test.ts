import { describe, expect, it } from 'vitest';
import { buildRankingContext } from '../src/analysis/context';
import { entityKey } from '../src/entity';
import type { EntityRef, RankingInput } from '../src/input';
import { changeRecencyScorer } from '../src/scorers/change-recency';
import { kubernetesEvidenceScorer } from '../src/scorers/kubernetes-evidence';
import { magnitudeScorer } from '../src/scorers/magnitude';
import { onsetOrderScorer } from '../src/scorers/onset-order';
import { propagationScorer } from '../src/scorers/propagation';
import { SCORERS } from '../src/scorers/registry';
import type { Scorer } from '../src/scorers/scorer';
import {
  baseline,
  event,
  FAULT_INDEX,
  FAULT_TIME,
  paymentIncident,
  START,
  STEP,
  series,
  shifted,
  svc,
} from './fixtures';

function scores(scorer: Scorer, input: RankingInput) {
  const result = scorer.score(buildRankingContext(input));
  return {
    result,
    of: (entity: EntityRef) => result?.get(entityKey(entity))?.score ?? 0,
    evidence: (entity: EntityRef) => result?.get(entityKey(entity))?.evidence ?? [],
  };
}

describe('scorer registry', () => {
  it('lists the five scorers once each, with positive weights', () => {
    expect(SCORERS.map((s) => s.name)).toEqual([
      'onset-order',
      'magnitude',
      'propagation',
      'kubernetes-evidence',
      'change-recency',
    ]);
    for (const scorer of SCORERS) expect(scorer.weight).toBeGreaterThan(0);
  });
});

describe('onset order', () => {
  it('puts the earliest anomaly first and those after it lower', () => {
    const s = scores(onsetOrderScorer, paymentIncident());
    expect(s.of(svc('payment'))).toBe(1);
    expect(s.of(svc('checkout'))).toBeLessThan(s.of(svc('payment')));
    expect(s.of(svc('frontend'))).toBeLessThan(s.of(svc('checkout')));
    expect(s.of(svc('catalog'))).toBe(0);
  });

  it('is not demoted by a faint anomaly that started earlier', () => {
    const input: RankingInput = {
      series: [
        series(svc('strong'), 'cpu', shifted(1, 0.05, 5)),
        series(svc('faint'), 'cpu', shifted(1, 0.05, 0.15, FAULT_INDEX - 10)),
      ],
      alertTime: FAULT_TIME,
    };
    const s = scores(onsetOrderScorer, input);
    expect(s.of(svc('faint'))).toBe(1);
    expect(s.of(svc('strong'))).toBe(1);
  });

  it('is not demoted by a blip that was over before it began', () => {
    const blip = baseline(1, 0.05).map((v, i) => (i >= FAULT_INDEX - 20 && i < FAULT_INDEX - 14 ? v + 5 : v));
    const input: RankingInput = {
      series: [series(svc('root'), 'mem', shifted(100, 2, 30)), series(svc('batch'), 'cpu', blip)],
      alertTime: FAULT_TIME,
    };
    const s = scores(onsetOrderScorer, input);
    expect(s.of(svc('batch'))).toBe(1);
    expect(s.of(svc('root'))).toBe(1);
    const ongoing = baseline(1, 0.05).map((v, i) => (i >= FAULT_INDEX - 20 ? v + 5 : v));
    const demoted = scores(onsetOrderScorer, {
      ...input,
      series: [input.series![0]!, series(svc('batch'), 'cpu', ongoing)],
    });
    expect(demoted.of(svc('root'))).toBe(0.5);
  });

  it('has nothing to say when nothing is anomalous', () => {
    expect(
      scores(onsetOrderScorer, { series: [series(svc('a'), 'cpu', baseline(1, 0.05))] }).result,
    ).toBeNull();
  });
});

describe('magnitude (BARO-style)', () => {
  it('scores a larger robust shift higher', () => {
    const input: RankingInput = {
      series: [
        series(svc('big'), 'cpu', shifted(1, 0.05, 4)),
        series(svc('small'), 'cpu', shifted(1, 0.05, 0.4)),
      ],
      alertTime: FAULT_TIME,
    };
    const s = scores(magnitudeScorer, input);
    expect(s.of(svc('big'))).toBeGreaterThan(s.of(svc('small')));
    expect(s.evidence(svc('big'))[0]!.text).toMatch(/cpu up to .* from a median of/);
  });
});

describe('propagation', () => {
  it('credits the anomalous callee that explains its callers, and blames the callers on it', () => {
    const s = scores(propagationScorer, paymentIncident());
    expect(s.of(svc('payment'))).toBeGreaterThan(0.9);
    expect(s.of(svc('checkout'))).toBeLessThan(0.5);
    expect(s.of(svc('frontend'))).toBeLessThan(s.of(svc('checkout')));
    expect(s.evidence(svc('payment'))[0]!.text).toContain('explains 2 of 2');
    expect(
      s.evidence(svc('frontend')).some((e) => e.text.includes('depends on anomalous service/shop/checkout')),
    ).toBe(true);
  });

  it('follows owner references: a bad node explains its pods', () => {
    const node: EntityRef = { kind: 'node', name: 'node-1' };
    const pod = (name: string): EntityRef => ({ kind: 'pod', namespace: 'shop', name });
    const input: RankingInput = {
      series: [
        series(node, 'cpu', shifted(4, 0.1, 10)),
        series(pod('a-1'), 'latency-90', shifted(50, 2, 100, FAULT_INDEX + 1)),
        series(pod('b-1'), 'latency-90', shifted(50, 2, 100, FAULT_INDEX + 1)),
      ],
      edges: [
        { from: pod('a-1'), to: node, kind: 'runs-on' },
        { from: pod('b-1'), to: node, kind: 'runs-on' },
      ],
      alertTime: FAULT_TIME,
    };
    const s = scores(propagationScorer, input);
    expect(s.of(node)).toBeGreaterThan(s.of(pod('a-1')));
  });

  it('has nothing to say without a graph', () => {
    const input = { ...paymentIncident(), edges: [] };
    expect(scores(propagationScorer, input).result).toBeNull();
  });
});

describe('kubernetes evidence', () => {
  const deployment: EntityRef = { kind: 'deployment', namespace: 'shop', name: 'cart' };
  const pod: EntityRef = { kind: 'pod', namespace: 'shop', name: 'cart-7d9f-x2' };
  const base: RankingInput = {
    series: [series(pod, 'mem', shifted(200, 5, 150))],
    edges: [{ from: deployment, to: pod, kind: 'owns' }],
    alertTime: FAULT_TIME,
  };

  it('weighs an OOM kill on the pod, and on its owner a little less', () => {
    const s = scores(kubernetesEvidenceScorer, {
      ...base,
      events: [event(pod, 'oom', FAULT_TIME + 60_000, 'OOMKilled')],
    });
    expect(s.of(pod)).toBeCloseTo(0.9);
    expect(s.of(deployment)).toBeCloseTo(0.72);
    expect(s.evidence(pod)[0]).toMatchObject({
      kind: 'event',
      text: 'oom on pod/shop/cart-7d9f-x2: OOMKilled',
    });
  });

  it('combines several events as a noisy-or and ignores old history', () => {
    const s = scores(kubernetesEvidenceScorer, {
      ...base,
      events: [
        event(pod, 'probe-failure', FAULT_TIME + 10_000),
        event(pod, 'restart', FAULT_TIME + 20_000),
        event(deployment, 'failed-scheduling', START - 3_600_000),
      ],
    });
    expect(s.of(pod)).toBeCloseTo(1 - 0.5 * 0.4);
    expect(s.evidence(deployment).some((e) => e.text.includes('failed-scheduling'))).toBe(false);
  });

  it('reads a restart counter that went up', () => {
    const restarts = Array.from({ length: 120 }, (_, i) => (i >= FAULT_INDEX ? 4 : 2));
    const s = scores(kubernetesEvidenceScorer, {
      series: [series(pod, 'restarts', restarts)],
      alertTime: FAULT_TIME,
    });
    expect(s.of(pod)).toBeCloseTo(0.6);
    expect(s.evidence(pod)[0]!.text).toContain('went up by 2');
  });

  it('has nothing to say without events or restarts', () => {
    expect(scores(kubernetesEvidenceScorer, base).result).toBeNull();
  });
});

describe('change recency', () => {
  it('makes a rollout just before the onset a prime suspect', () => {
    const s = scores(changeRecencyScorer, paymentIncident());
    expect(s.of(svc('payment'))).toBeGreaterThan(0.9);
    expect(s.evidence(svc('payment'))[0]!.text).toContain(
      'rollout of service/shop/payment 20s before its onset',
    );
  });

  it('counts an older change for less, and one with no anomaly within its reach for less still', () => {
    const input = paymentIncident();
    input.entities = [...(input.entities ?? []), svc('email')];
    input.events = [...(input.events ?? []), event(svc('email'), 'config', START + 5 * STEP)];
    const s = scores(changeRecencyScorer, input);
    // Catalog's config changed 75 steps (750 s) before the onset; its caller, the frontend, is anomalous.
    const decay = 0.5 ** (750_000 / 300_000);
    expect(s.of(svc('catalog'))).toBeCloseTo(0.9 * decay);
    // Email's change reaches nothing anomalous.
    expect(s.of(svc('email'))).toBeCloseTo(0.3 * 0.9 * decay);
  });

  it('counts a rollout whose only trace is its own start-up blip for less than one that broke something', () => {
    const blip = baseline(0.5, 0.02).map((v, i) => (i >= FAULT_INDEX && i < FAULT_INDEX + 3 ? v + 1 : v));
    const input: RankingInput = {
      series: [series(svc('web'), 'cpu', blip), series(svc('api'), 'error', shifted(1, 0.1, 20))],
      events: [
        event(svc('web'), 'rollout', FAULT_TIME - 10_000, 'image web:v2'),
        event(svc('api'), 'rollout', FAULT_TIME - 10_000, 'image api:v7'),
      ],
      alertTime: FAULT_TIME + 60_000,
    };
    const s = scores(changeRecencyScorer, input);
    expect(s.of(svc('api'))).toBeGreaterThan(0.95);
    expect(s.of(svc('web'))).toBeCloseTo(0.3 * s.of(svc('api')), 2);
  });

  it('treats a change after the onset as a reaction, not a cause', () => {
    const input = paymentIncident();
    input.events = [event(svc('checkout'), 'scale', FAULT_TIME + 120_000, 'replicas 2 -> 4')];
    const s = scores(changeRecencyScorer, input);
    expect(s.of(svc('checkout'))).toBe(0);
    expect(s.evidence(svc('checkout'))[0]!.text).toContain('a reaction, not a cause');
  });

  it('has nothing to say without changes', () => {
    expect(scores(changeRecencyScorer, { ...paymentIncident(), events: [] }).result).toBeNull();
  });
});
