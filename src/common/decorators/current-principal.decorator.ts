import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { HttpDomainError } from '../errors/domain-error';
import { Principal, PRINCIPAL_REQUEST_KEY } from '../auth/principal';

/** The verified caller, set by the auth guard; a route that reads it without one is a programming error. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<Record<string, unknown>>();
  const principal = request[PRINCIPAL_REQUEST_KEY] as Principal | undefined;
  if (!principal) throw new HttpDomainError(401, 'UNAUTHENTICATED', 'Authentication required');
  return principal;
});
