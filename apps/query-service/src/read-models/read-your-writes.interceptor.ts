import { GatewayTimeoutException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import { ReadProgress } from '../runner/read-progress';
import { BadQueryError } from './query-errors';

const DEFAULT_WAIT_MS = 5000;
const MAX_WAIT_MS = 30000;

/**
 * Read-your-writes on any GET (answer only once the write is visible; 504 if it is not in time):
 * - `?stream=<streamId>&minVersion=<v>`: every projection has applied that stream up to version v.
 *   Exact in both modes; the one to use in distributed mode, where partitions interleave streams
 *   and no single global position is meaningful. Polls the read database, since another
 *   query-service instance may be the one applying the stream. A stream parked below v answers
 *   504 at once (it will not get there until the parked event is retried).
 * - `?minPosition=N` (when no `stream` is given): the projections have reached global position N.
 *   Exact in embedded mode; in distributed mode it only means "some event at or past N has been
 *   applied", so the gateway should send stream and minVersion there.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly runner: ReadProgress) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const { minPosition, stream, minVersion, waitMs: waitParam } = request.query;
    const waitMs = typeof waitParam === 'string' && /^\d+$/.test(waitParam) ? Math.min(Number(waitParam), MAX_WAIT_MS) : DEFAULT_WAIT_MS;

    if (stream !== undefined || minVersion !== undefined) {
      if (typeof stream !== 'string' || stream === '' || typeof minVersion !== 'string' || !/^\d+$/.test(minVersion)) {
        throw new BadQueryError('stream and minVersion go together: a stream id and a whole-number stream version');
      }
      return from(this.runner.waitForStream(stream, Number(minVersion), waitMs)).pipe(
        switchMap((outcome) => {
          if (outcome === 'parked') {
            throw new GatewayTimeoutException({
              code: 'TIMEOUT',
              message: `Stream ${stream} has a parked event at or below version ${minVersion}; see \`longview parked\``,
            });
          }
          if (outcome === 'timeout') {
            throw new GatewayTimeoutException({
              code: 'TIMEOUT',
              message: `The read models have not reached version ${minVersion} of ${stream} within ${waitMs} ms`,
            });
          }
          return next.handle();
        }),
      );
    }

    if (minPosition === undefined) return next.handle();
    if (typeof minPosition !== 'string' || !/^\d+$/.test(minPosition)) {
      throw new BadQueryError('minPosition must be a global position (a whole number)');
    }
    return from(this.runner.waitFor(BigInt(minPosition), waitMs)).pipe(
      switchMap((reached) => {
        if (!reached) {
          throw new GatewayTimeoutException({
            code: 'TIMEOUT',
            message: `The read models have not reached position ${minPosition} within ${waitMs} ms (now at ${this.runner.position})`,
          });
        }
        return next.handle();
      }),
    );
  }
}
