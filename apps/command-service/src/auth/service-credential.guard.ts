import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import {
  credentialFromAuthorization,
  InvalidServiceCredentialError,
  type ServiceCredentialVerifier,
  type VerifiedServiceCredential,
} from '@longview/service-auth';
import type { Actor } from '@longview/domain';
import { SERVICE_CREDENTIAL_VERIFIER } from '../tokens';
import { UnauthenticatedError } from '../commands/request-errors';

interface CredentialedRequest extends Request {
  serviceCredential?: VerifiedServiceCredential;
}

/**
 * Lets a request through only with a valid service credential (see @longview/service-auth),
 * and keeps what it says on the request: the actor of a command comes from here and nowhere else.
 */
@Injectable()
export class ServiceCredentialGuard implements CanActivate {
  constructor(@Inject(SERVICE_CREDENTIAL_VERIFIER) private readonly verify: ServiceCredentialVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CredentialedRequest>();
    try {
      request.serviceCredential = await credentialFromAuthorization(request.headers.authorization, this.verify);
    } catch (error) {
      if (error instanceof InvalidServiceCredentialError) throw new UnauthenticatedError(error.message);
      throw error;
    }
    return true;
  }
}

/** The actor the request's service credential names (null: an anonymous, public viewer). Only behind ServiceCredentialGuard. */
export const CredentialActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor | null => {
  const credential = context.switchToHttp().getRequest<CredentialedRequest>().serviceCredential;
  if (!credential) throw new Error('CredentialActor used on a route without ServiceCredentialGuard');
  return credential.actor;
});
