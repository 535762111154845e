import type { Logger } from './logger';

export type Closer = () => Promise<unknown>;

/**
 * On SIGTERM or SIGINT, runs the closers in order (workers first: `worker.close()` waits for the jobs in
 * flight), then exits. Past the timeout it exits anyway; a job left behind is taken over by another replica
 * once its lock expires.
 */
export function installShutdown(log: Logger, closers: Closer[], timeoutMs: number): () => Promise<void> {
  let closing: Promise<void> | undefined;
  const shutdown = (signal: string) => {
    closing ??= (async () => {
      log.info({ signal }, 'shutting down: finishing jobs in flight');
      const timer = setTimeout(() => {
        log.error({ timeoutMs }, 'shutdown timed out; exiting with jobs in flight');
        process.exit(1);
      }, timeoutMs);
      timer.unref();
      for (const close of closers) {
        try {
          await close();
        } catch (err) {
          log.warn({ err }, 'error while closing');
        }
      }
      log.info('shut down cleanly');
    })();
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // Ctrl-C reaches a service twice (SIGINT from the terminal, SIGTERM from its supervisor): a second signal
    // must not kill the jobs the first is finishing. The timeout bounds the wait.
    if (closing) {
      log.info({ signal }, 'already shutting down');
      return;
    }
    void shutdown(signal)
      // The log is written asynchronously: its last lines go out before the process does.
      .then(() => new Promise<void>((resolve) => log.flush(() => resolve())))
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => shutdown('manual');
}
