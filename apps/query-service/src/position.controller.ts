import { Controller, Get, UseInterceptors } from '@nestjs/common';
import type { PositionView } from '@longview/contracts';
import { OpenRoute } from './access/service-credential.guard';
import { ReadYourWritesInterceptor } from './read-models/read-your-writes.interceptor';
import { ProjectionRunner } from './runner/projection-runner';

/** GET /position and /health: where the read models are. */
@Controller()
@UseInterceptors(ReadYourWritesInterceptor)
export class PositionController {
  constructor(private readonly runner: ProjectionRunner) {}

  @Get('position')
  position(): PositionView {
    return { position: this.runner.position.toString() };
  }

  /** Holds no data: answers without a service credential (load balancers, `longview import`). */
  @Get('health')
  @OpenRoute()
  health(): { status: 'ok'; position: string } {
    return { status: 'ok', position: this.runner.position.toString() };
  }
}
