import { RootCauseCandidateSchema } from '@aiops/contracts';
import { describe, expect, it } from 'vitest';
import { rankBaro } from '../src/baseline/baro';
import { caseToRankingInput } from '../src/bench/case-input';
import { callEdgesFromRequestLabels } from '../src/call-graph';
import { entityLabel } from '../src/entity';
import { generateCase } from '../src/generator/generate-case';
import { FAULT_KINDS } from '../src/generator/scenario';
import { rankRootCauses } from '../src/rank';
import { FAULT_TIME, paymentIncident, series, shifted, svc } from './fixtures';

describe('rankRootCauses', () => {
  it('ranks the hand-made incident: payment first, with score, confidence and an evidence chain', () => {
    const { candidates } = rankRootCauses(paymentIncident());
    for (const c of candidates) RootCauseCandidateSchema.parse(c);
    expect(candidates.map((c) => c.rank)).toEqual(candidates.map((_, i) => i + 1));
    expect(candidates.map((c) => c.resource.name).slice(0, 3)).toEqual(['payment', 'checkout', 'frontend']);
    const top = candidates[0]!;
    expect(top.confidence).toBeGreaterThan(0.5);
    expect(top.confidence).toBeLessThanOrEqual(1);
    expect(top.reason).toMatch(/first anomaly|explains|rollout/);
    const kinds = new Set(top.evidence.map((e) => e.kind));
    expect(kinds).toEqual(new Set(['metric', 'change']));
    const times = top.evidence.map((e) => e.at ?? '');
    expect([...times].sort()).toEqual(times);
    for (let i = 1; i < candidates.length; i++)
      expect(candidates[i]!.score).toBeLessThanOrEqual(candidates[i - 1]!.score);
  });

  it('leaves out entities nothing points at', () => {
    const input = paymentIncident();
    input.series = [...(input.series ?? []), series(svc('email'), 'cpu', shifted(0.2, 0.01, 0))];
    const names = rankRootCauses(input).candidates.map((c) => c.resource.name);
    expect(names).not.toContain('email');
    expect(names).toContain('catalog');
  });

  it('answers an empty candidate list when nothing is anomalous and nothing changed', () => {
    const result = rankRootCauses({
      series: [series(svc('a'), 'cpu', shifted(1, 0.05, 0))],
      alertTime: FAULT_TIME,
    });
    expect(result.candidates).toEqual([]);
  });

  it('uses anomalies found by the detect stage, mapped to entities by their labels', () => {
    const result = rankRootCauses({
      entities: [{ kind: 'pod', namespace: 'shop', name: 'cart-1' }],
      anomalies: [
        {
          metric: 'container_memory_working_set_bytes',
          labels: { namespace: 'shop', pod: 'cart-1', container: 'cart' },
          score: 0.9,
          onset: new Date(FAULT_TIME).toISOString(),
          direction: 'up',
          size: 1e8,
          baseline: 2e8,
          peak: 3e8,
          detectors: {},
        },
      ],
      alertTime: FAULT_TIME + 60_000,
    });
    expect(result.candidates[0]!.resource).toEqual({ kind: 'pod', namespace: 'shop', name: 'cart-1' });
  });

  it('puts the true cause first on generated incidents of every fault kind, and in the top 3 always', () => {
    const cases = FAULT_KINDS.flatMap((fault) => [0, 1].map((i) => generateCase(20_250, i, { fault })));
    const ranks = cases.map(({ case: c, truth }) => {
      const names = rankRootCauses(caseToRankingInput(c)).candidates.map((x) => x.resource.name);
      return names.indexOf(truth.root_cause) + 1;
    });
    expect(ranks.filter((r) => r === 1).length).toBeGreaterThanOrEqual(cases.length - 1);
    for (const r of ranks) expect(r).toBeGreaterThanOrEqual(1);
    for (const r of ranks) expect(r).toBeLessThanOrEqual(3);
  });
});

describe('rankBaro', () => {
  it('finds the onset by change points and ranks entities by their largest robust score', () => {
    const result = rankBaro(paymentIncident());
    expect(Math.abs(result.onset - FAULT_TIME)).toBeLessThanOrEqual(20_000);
    expect(result.ranked[0]!.entity.name).toBe('payment');
    expect(result.ranked.at(-1)!.entity.name).toBe('catalog');
  });
});

describe('callEdgesFromRequestLabels', () => {
  it('builds call edges from Istio, Linkerd and service-graph labels, skipping unknown ends and repeats', () => {
    const edges = callEdgesFromRequestLabels([
      {
        source_workload: 'frontend',
        source_workload_namespace: 'shop',
        destination_workload: 'cart',
        destination_workload_namespace: 'shop',
      },
      {
        source_workload: 'frontend',
        source_workload_namespace: 'shop',
        destination_workload: 'cart',
        destination_workload_namespace: 'shop',
        code: '500',
      },
      { source_workload: 'unknown', destination_workload: 'cart' },
      { deployment: 'cart', namespace: 'shop', dst_deployment: 'redis', dst_namespace: 'data' },
      { client: 'web', server: 'api' },
    ]);
    expect(edges.map((e) => `${entityLabel(e.from)} -> ${entityLabel(e.to)}`)).toEqual([
      'deployment/shop/cart -> deployment/data/redis',
      'deployment/shop/frontend -> deployment/shop/cart',
      'service/web -> service/api',
    ]);
  });
});
