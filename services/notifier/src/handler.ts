import type { StageHandler } from '@aiops/runtime';

/** Placeholder until the stage's package lands: moves the incident on. */
export function createNotifyHandler(): StageHandler {
  return async () => ({ message: 'notify not implemented yet', status: 'notified' });
}
