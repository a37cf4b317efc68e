import type { Logger } from './logger';
import { stopTracing } from './tracing';

/**
 * On SIGTERM or SIGINT, runs `stop` (which drains in order: the gateway stops accepting and
 * lets requests in flight finish, then the subgraphs stop, then the databases close), exports
 * the last spans, and exits 0; 1 if stopping failed or outlasted `deadlineMs`. A second
 * signal does not start a second shutdown.
 */
export function stopOnSignals(stop: () => Promise<void>, log: Logger, deadlineMs: number): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: draining requests in flight');
    const started = Date.now();
    setTimeout(() => {
      log.error({ deadlineMs }, 'shutdown outlasted its deadline');
      process.exit(1);
    }, deadlineMs).unref();
    stop()
      .then(stopTracing)
      .then(
        () => {
          log.info({ ms: Date.now() - started }, 'stopped');
          process.exit(0);
        },
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
