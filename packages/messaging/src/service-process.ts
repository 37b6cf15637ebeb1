import { startTracing } from '@longview/tracing';
import { errorMessage, type Logger } from './json-logger';

/**
 * The life of a distributed-mode process: start it; if starting fails, log why and exit 1; on
 * SIGINT or SIGTERM, log, close it and exit 0 (a failed close is logged, not thrown). Traces as
 * LONGVIEW_TRACING says (off by default), under `serviceName`; flushed before the exit.
 */
export function runServiceProcess(logger: Logger, start: () => Promise<{ close(): Promise<void> }>, serviceName?: string): void {
  let tracing: ReturnType<typeof startTracing> | undefined;
  try {
    if (serviceName) tracing = startTracing({ serviceName });
  } catch (error) {
    logger.error('failed to start', { error: errorMessage(error) });
    process.exit(2);
  }
  if (tracing?.enabled) logger.info('tracing on', { mode: tracing.mode });
  start().then(
    (running) => {
      const shutdown = async (signal: string) => {
        logger.info('stopping', { signal });
        await running.close().catch((error: unknown) => logger.error('stop failed', { error: errorMessage(error) }));
        await tracing?.shutdown().catch((error: unknown) => logger.error('flushing traces failed', { error: errorMessage(error) }));
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
