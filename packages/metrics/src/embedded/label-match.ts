import { MetricsQueryError } from '../errors';
import type { LabelMatcher } from '../promql/query-template';
import type { Labels } from '../series';

/** Compiles matchers into one test, with PromQL's rules: a missing label is "", regular expressions are anchored. */
export function compileMatchers(matchers: LabelMatcher[]): (labels: Labels) => boolean {
  const tests = matchers.map(compileMatcher);
  return (labels) => tests.every((test) => test(labels));
}

function compileMatcher(m: LabelMatcher): (labels: Labels) => boolean {
  switch (m.op) {
    case '=':
      return (labels) => (labels[m.label] ?? '') === m.value;
    case '!=':
      return (labels) => (labels[m.label] ?? '') !== m.value;
    case '=~': {
      const re = anchored(m.value);
      return (labels) => re.test(labels[m.label] ?? '');
    }
    case '!~': {
      const re = anchored(m.value);
      return (labels) => !re.test(labels[m.label] ?? '');
    }
  }
}

function anchored(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`, 's');
  } catch (error) {
    throw new MetricsQueryError(`bad regular expression "${pattern}": ${(error as Error).message}`);
  }
}

/** A canonical identity of a label set (order-independent; values quoted, so no two sets share a key). */
export function labelsKey(labels: Labels): string {
  let key = '';
  for (const name of Object.keys(labels).sort()) key += `${name}=${JSON.stringify(labels[name])},`;
  return key;
}
