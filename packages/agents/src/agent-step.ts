import type { TimelineEntry } from '@aiops/contracts';

export type AgentName = 'supervisor' | 'kubernetes-fixer' | 'researcher' | 'coder' | 'notifier';

/** One thing an agent did while planning: a hand-off, a tool call (done or refused), an answer, a fallback. */
export interface AgentStep {
  /** 1, 2, ... in the order the steps happened within the run. */
  seq: number;
  at: string;
  agent: AgentName;
  kind: 'handoff' | 'tool' | 'answer' | 'fallback';
  /** The tool called (for `tool` and `handoff` steps). */
  tool?: string;
  args?: Record<string, unknown>;
  outcome: 'ok' | 'refused' | 'error';
  /** One line for people: the incident's timeline and the workflow's event stream. */
  message: string;
}

/** The incident timeline's entry for a step (stage plan, event step). */
export function timelineEntryFor(step: AgentStep): TimelineEntry {
  const mark = step.outcome === 'ok' ? '' : ` [${step.outcome}]`;
  return { at: step.at, stage: 'plan', event: 'step', message: `${step.agent}${mark}: ${step.message}` };
}
