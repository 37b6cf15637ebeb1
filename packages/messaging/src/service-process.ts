import { errorMessage, type Logger } from './json-logger';

/**
 * The life of a distributed-mode process: start it; if starting fails, log why and exit 1; on
 * SIGINT or SIGTERM, log, close it and exit 0 (a failed close is logged, not thrown).
 */
export function runServiceProcess(logger: Logger, start: () => Promise<{ close(): Promise<void> }>): void {
  start().then(
    (running) => {
      const shutdown = async (signal: string) => {
        logger.info('stopping', { signal });
        await running.close().catch((error: unknown) => logger.error('stop failed', { error: errorMessage(error) }));
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
    },
    (error: unknown) => {
      logger.error('failed to start', { error: error instanceof Error ? error.stack : String(error) });
      process.exit(1);
    },
  );
}
