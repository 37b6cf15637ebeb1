import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { answerClientErrorsWithJson } from '@longview/contracts';
import { serviceKeyFromEnv } from '@longview/service-auth';
import { traceHttpRequests } from '@longview/tracing';
import { CommandServiceModule, type CommandServiceDependencies } from './command-service.module';
import { rejectMalformedText } from './commands/malformed-text.middleware';

export interface RunningService {
  readonly app: INestApplication;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the command service's HTTP API. Port 0 picks a free port (tests). Every command needs a
 * service credential signed with `serviceKey` (default: LONGVIEW_SERVICE_KEY).
 */
export async function startCommandService(
  deps: Omit<CommandServiceDependencies, 'serviceKey'>,
  options: {
    /** Default LONGVIEW_SERVICE_KEY. */
    serviceKey?: string;
    port?: number;
    host?: string;
    logger?: boolean;
    /** Called before the app listens: mounts extra handlers (distributed mode's /health and /metrics). */
    beforeListen?: (app: INestApplication) => void;
  } = {},
): Promise<RunningService> {
  const serviceKey = options.serviceKey ?? serviceKeyFromEnv(process.env);
  const app = await NestFactory.create<NestExpressApplication>(CommandServiceModule.register({ ...deps, serviceKey }), {
    logger: options.logger === false ? false : ['error', 'warn'],
    // Our own JSON parser below, with a limit that fits a three-year import of one series.
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '5mb' });
  // No NUL or lone surrogate reaches a decider or PostgreSQL (22021): a 400 naming the field.
  app.use(rejectMalformedText);
  // A SERVER span per request, child of the gateway's traceparent: the command's trace.
  app.use(traceHttpRequests('command-service'));
  // An over-long URL or header block: a JSON 400, not Node's bare 431.
  answerClientErrorsWithJson(app.getHttpServer());
  options.beforeListen?.(app);
  const host = options.host ?? '127.0.0.1';
  await app.listen(options.port ?? 4001, host);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://${host}:${address.port}`, close: () => app.close() };
}
