import { AnomalySchema } from '@aiops/contracts';
import { describe, expect, it } from 'vitest';
import { rankingAnomalies } from '../src/anomalies';
import { entityLabel } from '../src/entity';
import { isoTime } from '../src/format';
import { rankRootCauses } from '../src/rank';
import { deterministicSummary } from '../src/report/summary';
import { FAULT_TIME, POINTS, paymentIncident, series, svc } from './fixtures';

const labelOf = (labels: Record<string, string>) => `service/${labels.namespace}/${labels.service}`;

describe('rankingAnomalies', () => {
  it('answers every anomaly the summary counts and every metric the candidates cite, once each', () => {
    const input = paymentIncident();
    // A restart long enough before the onset that its counter shows no onset, yet recent enough to cite.
    const restarts = Array.from({ length: POINTS }, (_, i) => (i >= 50 ? 1 : 0));
    input.series = [...(input.series ?? []), series(svc('catalog'), 'restarts', restarts)];
    input.anomalies = [
      {
        metric: 'error',
        labels: { service: 'checkout', namespace: 'shop', instance: '10.0.0.7:8080' },
        score: 0.8,
        onset: isoTime(FAULT_TIME + 20_000),
        direction: 'up',
        size: 0.2,
        baseline: 0.01,
        peak: 0.21,
        detectors: { zscore: 0.9 },
      },
    ];
    const ranking = rankRootCauses(input);
    const anomalies = rankingAnomalies(ranking);
    for (const a of anomalies) AnomalySchema.parse(a);

    const counted = Number(/(\d+) of \d+ entities were anomalous/.exec(deterministicSummary(ranking))![1]);
    const anomalousSignals = [...ranking.context.entities.values()].filter((e) => e.onset !== null);
    expect(anomalousSignals.length).toBe(counted);
    const reported = anomalies.map((a) => `${labelOf(a.labels)} ${a.metric}`);
    expect(new Set(reported).size).toBe(reported.length);
    for (const state of anomalousSignals)
      for (const signal of state.signals) expect(reported).toContain(`${state.key} ${signal.metric}`);

    const detected = anomalies.find((a) => a.metric === 'error')!;
    expect(detected).toMatchObject({
      labels: { instance: '10.0.0.7:8080' },
      peak: 0.21,
      detectors: { zscore: 0.9 },
    });
    const restart = anomalies.find((a) => a.metric === 'restarts')!;
    expect(restart).toMatchObject({
      labels: { service: 'catalog', namespace: 'shop' },
      direction: 'up',
      size: 1,
    });

    for (const candidate of ranking.candidates) {
      for (const evidence of candidate.evidence.filter((e) => e.kind === 'metric' || e.kind === 'status')) {
        if (evidence.source === 'dependency graph') continue;
        const cited = evidence.source.includes(' ')
          ? evidence.source
          : `${entityLabel(candidate.resource)} ${evidence.source}`;
        expect(reported, evidence.text).toContain(cited);
      }
    }
  });
});
