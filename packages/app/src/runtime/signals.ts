import type { Logger } from './logger.js';

/**
 * SIGTERM/SIGINT → graceful close, exit 0. If draining exceeds the timeout, or a second signal
 * arrives, exit 1 so a supervisor knows the stop was not clean.
 */
export function exitOnSignals(close: () => Promise<void>, log: Logger, timeoutMs: number): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'received signal: shutting down gracefully');
    const timer = setTimeout(() => {
      log.error({ timeoutMs }, 'graceful shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    close().then(
      () => {
        clearTimeout(timer);
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'graceful shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
