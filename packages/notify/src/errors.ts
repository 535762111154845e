import type { NotificationRecord } from '@aiops/contracts';

/**
 * A notification that could not be delivered. `permanent` says whether retrying can help; `records` holds what
 * each channel did in the attempt that failed (set by the notifier), so the stage can still store them.
 */
export abstract class NotifyError extends Error {
  abstract readonly permanent: boolean;
  records: NotificationRecord[] = [];
}

/**
 * The channel is set up wrongly (bad signature or secret, IP not allowed, keyword missing, bad token): no retry
 * can succeed until an operator changes the configuration, so the stage must stop retrying.
 */
export class NotifyConfigError extends NotifyError {
  readonly permanent = true;
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'NotifyConfigError';
  }
}

/** The receiver refused this message itself (e.g. a body it cannot accept); sending it again will not help. */
export class NotifyRejectedError extends NotifyError {
  readonly permanent = true;
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'NotifyRejectedError';
  }
}

/** The receiver throttled us: try again after `retryAfterMs` (the worker pauses its queue that long). */
export class NotifyRateLimitedError extends NotifyError {
  readonly permanent = false;
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'NotifyRateLimitedError';
  }
}

/** Network trouble, a timeout or a server error: a later attempt may succeed. */
export class NotifyTransientError extends NotifyError {
  readonly permanent = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotifyTransientError';
  }
}
