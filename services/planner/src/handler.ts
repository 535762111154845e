import type { StageHandler } from '@aiops/runtime';

/** Placeholder until the stage's package lands: moves the incident on. */
export function createPlanHandler(): StageHandler {
  return async () => ({ message: 'plan not implemented yet', status: 'planned' });
}
