import { Inject, Injectable, SetMetadata, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { credentialFromAuthorization, InvalidServiceCredentialError, type ServiceCredentialVerifier } from '@longview/service-auth';
import type { ViewerRequest } from './current-viewer.decorator';

/** Injection token for the ServiceCredentialVerifier built from the service key. */
export const SERVICE_CREDENTIAL_VERIFIER = Symbol('SERVICE_CREDENTIAL_VERIFIER');

const OPEN_ROUTE = 'longview:open-route';

/** Marks a route that holds no data (e.g. /health) as answerable without a service credential. */
export const OpenRoute = () => SetMetadata(OPEN_ROUTE, true);

/**
 * Every route of the query service, unless marked @OpenRoute(), answers only a request with a
 * valid service credential (a 401 ErrorBody otherwise), and reads for the viewer it names:
 * `request.viewer`, which @CurrentViewer() hands to the route. A public viewer still carries a
 * credential (with a null actor), so no request is anonymous by accident.
 */
@Injectable()
export class ServiceCredentialGuard implements CanActivate {
  constructor(
    @Inject(SERVICE_CREDENTIAL_VERIFIER) private readonly verify: ServiceCredentialVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(OPEN_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request & ViewerRequest>();
    try {
      request.viewer = (await credentialFromAuthorization(request.headers.authorization, this.verify)).actor;
    } catch (error) {
      if (error instanceof InvalidServiceCredentialError) throw new UnauthorizedException({ code: 'UNAUTHENTICATED', message: error.message });
      throw error;
    }
    return true;
  }
}
