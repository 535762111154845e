/** Label selectors: the `labelSelector` query syntax and the LabelSelector object of workload specs. */
import { badRequest } from '../api/status';
import type { LabelSelector } from '../kube/types';

type Operator = 'in' | 'notin' | 'exists' | 'doesnotexist';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Selector = Requirement[];

const KEY = /^([a-z0-9A-Z.\-_]+\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

/** Parses `app=web,tier!=db,env in (a,b),!legacy`. An empty string selects everything. */
export function parseLabelSelector(text: string): Selector {
  const requirements: Selector = [];
  for (const part of splitTopLevel(text)) {
    const term = part.trim();
    if (!term) continue;
    requirements.push(parseRequirement(term));
  }
  return requirements;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function parseRequirement(term: string): Requirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (setMatch) {
    const values = setMatch[3]!
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    return requirement(setMatch[1]!, setMatch[2] as Operator, values, term);
  }
  const equality = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (equality) {
    return requirement(equality[1]!, equality[2] === '!=' ? 'notin' : 'in', [equality[3]!], term);
  }
  if (term.startsWith('!')) return requirement(term.slice(1).trim(), 'doesnotexist', [], term);
  return requirement(term, 'exists', [], term);
}

function requirement(key: string, operator: Operator, values: string[], term: string): Requirement {
  if (!KEY.test(key))
    throw badRequest(`unable to parse requirement: invalid label key "${key}" in "${term}"`);
  return { key, operator, values };
}

/** Converts a spec's LabelSelector (matchLabels + matchExpressions). */
export function fromLabelSelector(selector: LabelSelector | undefined): Selector {
  const requirements: Selector = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    requirements.push({ key, operator: 'in', values: [value] });
  }
  for (const expression of selector?.matchExpressions ?? []) {
    const operator = expression.operator.toLowerCase() as Operator;
    requirements.push({ key: expression.key, operator, values: expression.values ?? [] });
  }
  return requirements;
}

export function matchesLabels(selector: Selector, labels: Record<string, string> | undefined): boolean {
  return selector.every((r) => {
    const value = labels?.[r.key];
    switch (r.operator) {
      case 'in':
        return value !== undefined && r.values.includes(value);
      case 'notin':
        return value === undefined || !r.values.includes(value);
      case 'exists':
        return value !== undefined;
      case 'doesnotexist':
        return value === undefined;
    }
    return false;
  });
}

/** kubectl's string form of a LabelSelector (the SELECTOR column, `describe`). */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'exists') parts.push(e.key);
    else if (op === 'doesnotexist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op} (${(e.values ?? []).join(',')})`);
  }
  return parts.join(',');
}
