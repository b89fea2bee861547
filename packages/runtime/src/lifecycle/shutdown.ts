import type { Logger } from 'pino';

/**
 * Runs `drain` once on SIGINT/SIGTERM and exits when it finishes; a second signal or a
 * drain that outlives `timeoutMs` exits at once, so a stuck broker cannot hold a deploy.
 */
export function onShutdownSignal(logger: Logger, drain: () => Promise<void>, timeoutMs = 30_000): void {
  let shuttingDown = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting without waiting for drain');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: draining in-flight work');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'drain timed out: exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    drain().then(
      () => {
        logger.info('drained, bye');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'drain failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
