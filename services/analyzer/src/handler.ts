import type { StageHandler } from '@aiops/runtime';

/** Placeholder until the stage's package lands: moves the incident on. */
export function createAnalyzeHandler(): StageHandler {
  return async () => ({ message: 'analyze not implemented yet', status: 'analyzed' });
}
