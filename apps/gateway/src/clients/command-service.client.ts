import type { CommandAccepted, CommandRequest } from '@longview/contracts';
import type { LongviewCommandType } from '@longview/domain';
import { fetchJson, joinUrl } from './http';

/** The command side: `POST /commands/<type>`. Throws ServiceError on any non-2xx answer. */
export interface CommandServiceClient {
  send(type: LongviewCommandType, request: CommandRequest): Promise<CommandAccepted>;
}

export class HttpCommandServiceClient implements CommandServiceClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 15_000,
  ) {}

  async send(type: LongviewCommandType, request: CommandRequest): Promise<CommandAccepted> {
    const url = joinUrl(this.baseUrl, `/commands/${encodeURIComponent(type)}`);
    const { body } = await fetchJson<CommandAccepted>('command-service', url, { method: 'POST', body: request, timeoutMs: this.timeoutMs });
    if (!body) throw new Error(`command-service answered ${type} without a body`);
    return body;
  }
}
