import type { PlanStep } from '@aiops/contracts';
import type { AgentStep } from './agent-step';

/** Every step of a run, in order, each passed to the caller's callback as it happens. */
export class StepLog {
  readonly steps: AgentStep[] = [];

  constructor(private readonly onStep?: (step: AgentStep) => unknown) {}

  add(step: Omit<AgentStep, 'seq' | 'at'>): void {
    const full: AgentStep = { seq: this.steps.length + 1, at: new Date().toISOString(), ...step };
    this.steps.push(full);
    // A failing live view (a closed event stream, a timeline write) must not stop the planning it watches.
    try {
      const done = this.onStep?.(full);
      if (done instanceof Promise) done.catch(() => {});
    } catch {}
  }
}

/**
 * The plan one attempt builds (the LLM's, or the deterministic one). An abandoned attempt is closed: work of
 * it still in flight after a timeout then records nothing.
 */
export class PlanBuilder {
  readonly steps: PlanStep[] = [];
  refused = 0;
  handoffs = 0;
  private closed = false;

  constructor(private readonly log: StepLog) {}

  step(step: Omit<AgentStep, 'seq' | 'at'>): void {
    if (this.closed) return;
    if (step.outcome === 'refused') this.refused++;
    if (step.kind === 'handoff') this.handoffs++;
    this.log.add(step);
  }

  plan(step: PlanStep): void {
    if (!this.closed) this.steps.push(step);
  }

  close(): void {
    this.closed = true;
  }
}
