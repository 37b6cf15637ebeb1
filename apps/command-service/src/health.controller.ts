import { Controller, Get, Inject } from '@nestjs/common';
import type { EventStore } from '@longview/event-store';
import { EVENT_STORE } from './tokens';

@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  async health(): Promise<{ status: 'ok'; head: string }> {
    return { status: 'ok', head: (await this.store.headPosition()).toString() };
  }
}
