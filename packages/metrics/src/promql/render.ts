import { isLabelName, isMetricName, quoteLabelValue } from './escape';
import type { QueryTemplate, Selector } from './query-template';

/** Renders a structured query as PromQL. Names are checked, values are quoted. */
export function renderPromql(query: QueryTemplate): string {
  switch (query.fn) {
    case 'select':
      return renderSelector(query.selector);
    case 'gauge':
      return `${query.aggregate}${renderBy(query.by)}(${renderSelector(query.selector)})`;
    case 'rate':
    case 'increase':
      return `${query.aggregate}${renderBy(query.by)}(${query.fn}(${renderSelector(query.selector)}[${renderWindow(query.windowSeconds)}]))`;
    case 'quantile':
      if (!(query.quantile >= 0 && query.quantile <= 1))
        throw new RangeError(`quantile ${query.quantile} is not in [0, 1]`);
      return `histogram_quantile(${query.quantile}, sum${renderBy(['le', ...query.by])}(rate(${renderSelector(query.selector)}[${renderWindow(query.windowSeconds)}])))`;
    case 'ratio': {
      const numerator = renderPromql(query.numerator);
      const denominator = renderPromql(query.denominator);
      if (query.zeroWhenNumeratorMissing)
        return `((${numerator}) or ((${denominator}) * 0)) / (${denominator})`;
      return `(${numerator}) / (${denominator})`;
    }
  }
}

export function renderSelector(selector: Selector): string {
  if (!isMetricName(selector.metric)) throw new RangeError(`"${selector.metric}" is not a metric name`);
  if (selector.matchers.length === 0) return selector.metric;
  const matchers = selector.matchers.map((m) => {
    if (!isLabelName(m.label)) throw new RangeError(`"${m.label}" is not a label name`);
    return `${m.label}${m.op}${quoteLabelValue(m.value)}`;
  });
  return `${selector.metric}{${matchers.join(', ')}}`;
}

function renderBy(labels: string[]): string {
  for (const label of labels) if (!isLabelName(label)) throw new RangeError(`"${label}" is not a label name`);
  return labels.length === 0 ? ' ' : ` by (${labels.join(', ')}) `;
}

function renderWindow(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  if (!(ms >= 1)) throw new RangeError(`window ${seconds}s is too short`);
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
