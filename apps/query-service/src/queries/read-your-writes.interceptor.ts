import { GatewayTimeoutException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import { ProjectionRunner } from '../projections/projection-runner';
import { BadQueryError } from './query-errors';

const DEFAULT_WAIT_MS = 5000;
const MAX_WAIT_MS = 30000;

/**
 * `?minPosition=N` on any GET: answer only once the projections have reached global
 * position N (read-your-writes for a client that just wrote). 504 if they do not in time.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly runner: ProjectionRunner) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const minPosition = request.query['minPosition'];
    if (minPosition === undefined) return next.handle();
    if (typeof minPosition !== 'string' || !/^\d+$/.test(minPosition)) {
      throw new BadQueryError('minPosition must be a global position (a whole number)');
    }
    const waitParam = request.query['waitMs'];
    const waitMs = typeof waitParam === 'string' && /^\d+$/.test(waitParam) ? Math.min(Number(waitParam), MAX_WAIT_MS) : DEFAULT_WAIT_MS;
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
