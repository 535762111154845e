import type { StageHandler } from '@aiops/runtime';

/** Placeholder until the stage's package lands: moves the incident on. */
export function createDetectHandler(): StageHandler {
  return async () => ({ message: 'detect not implemented yet', status: 'detected' });
}
