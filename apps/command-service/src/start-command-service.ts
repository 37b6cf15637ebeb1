import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { serviceKeyFromEnv } from '@longview/service-auth';
import { CommandServiceModule, type CommandServiceDependencies } from './command-service.module';

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
  options.beforeListen?.(app);
  const host = options.host ?? '127.0.0.1';
  await app.listen(options.port ?? 4001, host);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://${host}:${address.port}`, close: () => app.close() };
}
