import type { ActionRecord } from '@aiops/contracts';
import { describeResource } from './describe';

function valueLines(value: unknown): string[] {
  if (value === undefined) return ['(absent)'];
  return JSON.stringify(value, null, 2).split('\n');
}

/**
 * The field changes of the actions as a diff people read like a code review: a header per object, then each
 * changed path with its old (-) and new (+) value.
 */
export function renderDiff(actions: ActionRecord[]): string {
  const blocks: string[] = [];
  for (const action of actions) {
    if (action.changes.length === 0) continue;
    const lines = [`--- ${describeResource(action.target)} (${action.kind}, ${action.outcome})`];
    for (const change of action.changes) {
      lines.push(`@@ ${change.path}`);
      for (const line of valueLines(change.before)) lines.push(`- ${line}`);
      for (const line of valueLines(change.after)) lines.push(`+ ${line}`);
    }
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n');
}
