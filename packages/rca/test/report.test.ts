import { describe, expect, it } from 'vitest';
import { rankRootCauses } from '../src/rank';
import { renderReport } from '../src/report/render-report';
import { renderLineChart } from '../src/report/svg-chart';
import { FAULT_TIME, paymentIncident, START } from './fixtures';

describe('renderReport', () => {
  it('renders the same bytes for the same input', () => {
    const a = renderReport(rankRootCauses(paymentIncident()), { title: 'checkout slow' });
    const b = renderReport(rankRootCauses(paymentIncident()), { title: 'checkout slow' });
    expect(a.markdown).toBe(b.markdown);
    expect(a.charts).toEqual(b.charts);
  });

  it('has a summary, the ranked causes with evidence, charts, a timeline and next steps', () => {
    const { markdown } = renderReport(rankRootCauses(paymentIncident()), { title: 'checkout slow' });
    const headings = markdown.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Summary',
      '## Ranked causes',
      '## Anomalous metrics',
      '## Timeline',
      '## Next steps',
    ]);
    expect(markdown).toContain('# Root-cause analysis: checkout slow');
    expect(markdown).toContain('Most likely root cause: service/shop/payment');
    expect(markdown).toMatch(/\| 1 \| service\/shop\/payment \| [0-9.]+ \| [0-9.]+ \|/);
    expect(markdown).toContain(
      '**change** (service/shop/payment): rollout of service/shop/payment 20s before its onset',
    );
    expect(markdown).toContain(
      '| 2025-01-15T10:13:00.000Z | rollout on service/shop/payment: image payment:v2.1.0 |',
    );
    expect(markdown).toContain('kubectl rollout undo deployment/payment -n shop');
  });

  it('links one SVG chart per anomalous metric shown, each with its onset marked and units on the axis', () => {
    const { markdown, charts } = renderReport(rankRootCauses(paymentIncident()));
    expect(charts.length).toBeGreaterThanOrEqual(3);
    expect(charts[0]!.name).toBe('payment-latency-90');
    for (const chart of charts) {
      expect(markdown).toContain(`](charts/${chart.name}.svg)`);
      expect(chart.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(chart.svg.trimEnd().endsWith('</svg>')).toBe(true);
      expect(chart.svg).toMatch(/<line class="onset" x1="([0-9.]+)" y1="[0-9.]+" x2="\1"/);
      expect(chart.svg).toContain('>ms</text>');
      expect(chart.svg).toContain('time (UTC)');
    }
    expect(new Set(charts.map((c) => c.name)).size).toBe(charts.length);
  });

  it('says so when there is nothing to rank', () => {
    const { markdown, charts } = renderReport(rankRootCauses({ series: [] }));
    expect(charts).toEqual([]);
    expect(markdown).toContain('No candidate: nothing points at a resource.');
    expect(markdown).toContain('No root cause found');
  });
});

describe('renderLineChart', () => {
  const spec = {
    title: 'cart <cpu> & "more"',
    timestamps: Array.from({ length: 60 }, (_, i) => START + i * 60_000),
    values: Array.from({ length: 60 }, (_, i) => (i < 30 ? 0.2 : 0.9)),
    unit: 'cores',
    onset: START + 30 * 60_000,
    alert: START + 35 * 60_000,
    baseline: 0.2,
  };

  it('puts the onset line where the onset is, between the axes', () => {
    const svg = renderLineChart(spec);
    const onset = svg.match(/<line class="onset" x1="([0-9.]+)"/)!;
    const left = 70;
    const right = 720 - 20;
    const x = Number(onset[1]);
    expect(x).toBeCloseTo(left + ((right - left) * 30) / 59, 0);
    expect(svg).toContain('onset 10:30:00');
    expect(svg).toContain('class="alert"');
    expect(svg).toContain('class="baseline"');
  });

  it('escapes text and thins long series but keeps their extremes', () => {
    const long = {
      ...spec,
      timestamps: Array.from({ length: 5000 }, (_, i) => START + i * 1000),
      values: Array.from({ length: 5000 }, (_, i) => (i === 2500 ? 50 : 1)),
      onset: FAULT_TIME,
    };
    const svg = renderLineChart(long);
    expect(svg).toContain('cart &lt;cpu&gt; &amp; &quot;more&quot;');
    const path = svg.match(/<path class="series" d="([^"]+)"/)![1]!;
    expect(path.split(' ').length).toBeLessThanOrEqual(800);
    const ys = path.split(' ').map((p) => Number(p.slice(1).split(',')[1]));
    expect(Math.min(...ys)).toBeLessThan(40);
  });
});
