import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Viewer } from '@longview/domain';

/** A request the service credential guard has authenticated: `viewer` is who the gateway (or CLI) asks for. */
export interface ViewerRequest {
  viewer?: Viewer;
}

/**
 * The viewer of this request (an actor, or null for a public request), as the service
 * credential says: never from the query string or body. Every read takes it.
 */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer => {
  const request = context.switchToHttp().getRequest<ViewerRequest>();
  return request.viewer ?? null;
});
