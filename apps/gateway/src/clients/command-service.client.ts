import type { CommandAccepted, CommandRequest } from '@longview/contracts';
import type { LongviewCommandType, Viewer } from '@longview/domain';
import { fetchJson, joinUrl } from './http';
import { credentialFor, type CredentialSource, type ServiceClientOptions } from './service-credentials';

/** The command side for one actor: `POST /commands/<type>`. Throws ServiceError on any non-2xx answer. */
export interface CommandServiceClient {
  send(type: LongviewCommandType, request: CommandRequest): Promise<CommandAccepted>;
}

/** The command service, for whoever acts: bind it to the actor of a request (the service credential names them). */
export interface CommandServiceConnection {
  forActor(actor: Viewer): CommandServiceClient;
}

export class HttpCommandServiceClient implements CommandServiceConnection {
  constructor(
    private readonly baseUrl: string,
    private readonly options: ServiceClientOptions,
  ) {}

  forActor(actor: Viewer): CommandServiceClient {
    return new BoundCommandServiceClient(this.baseUrl, credentialFor(this.options, actor), this.options.timeoutMs ?? 15_000);
  }
}

class BoundCommandServiceClient implements CommandServiceClient {
  constructor(
    private readonly baseUrl: string,
    private readonly credential: CredentialSource,
    private readonly timeoutMs: number,
  ) {}

  async send(type: LongviewCommandType, request: CommandRequest): Promise<CommandAccepted> {
    const url = joinUrl(this.baseUrl, `/commands/${encodeURIComponent(type)}`);
    const { body } = await fetchJson<CommandAccepted>('command-service', url, {
      method: 'POST',
      body: request,
      timeoutMs: this.timeoutMs,
      credential: this.credential,
    });
    if (!body) throw new Error(`command-service answered ${type} without a body`);
    return body;
  }
}
