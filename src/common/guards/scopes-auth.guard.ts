import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { Principal, PRINCIPAL_REQUEST_KEY } from '../auth/principal';
import { IS_PUBLIC } from '../decorators/public.decorator';
import { ALLOWED_PRINCIPALS, REQUIRED_SCOPES } from '../decorators/scopes.decorator';
import { InsufficientScopeError, PrincipalNotAllowedError, RouteAccessUndeclaredError, UnauthenticatedError } from './auth.errors';

type AuthedRequest = Request & { [PRINCIPAL_REQUEST_KEY]?: Principal };

/**
 * The global guard. Fails closed: a route must say @Public() or @Scopes(...); otherwise the bearer
 * token is verified by the 'jwt' passport strategy and the principal must be of an allowed kind
 * and hold every required scope.
 */
@Injectable()
export class ScopesAuthGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(ScopesAuthGuard.name);

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets);
    if (!required) throw new RouteAccessUndeclaredError();
    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const principal = request.user as Principal;
    request[PRINCIPAL_REQUEST_KEY] = principal;
    const kinds = this.reflector.getAllAndOverride<Array<Principal['kind']> | undefined>(ALLOWED_PRINCIPALS, targets);
    if (kinds && !kinds.includes(principal.kind)) throw new PrincipalNotAllowedError(kinds);
    const missing = required.filter((scope) => !principal.scopes.includes(scope));
    if (missing.length > 0) throw new InsufficientScopeError(required);
    return true;
  }

  /** Replaces passport's bare 401 with the contract's body and a WWW-Authenticate challenge (RFC 6750). */
  override handleRequest<TUser = Principal>(error: unknown, user: unknown, info: unknown, context: ExecutionContext): TUser {
    if (!error && user) return user as TUser;
    const cause = (error ?? info) as Error | undefined;
    const missing = !cause || cause.message === 'No auth token';
    this.logger.debug({ reason: cause?.message }, 'Bearer token refused');
    const response = context.switchToHttp().getResponse<Response>();
    response.setHeader('WWW-Authenticate', missing ? 'Bearer' : 'Bearer error="invalid_token"');
    throw new UnauthenticatedError(missing ? 'A bearer token is required' : 'The bearer token is invalid or expired');
  }
}
