import type { StageHandler } from '@aiops/runtime';

/** Placeholder until the stage's package lands: moves the incident on. */
export function createFixHandler(): StageHandler {
  return async () => ({ message: 'fix not implemented yet', status: 'escalated' });
}
