import { DomainError } from '../errors/domain-error';

/** No token, or one that failed verification. The reason is coarse on purpose: it must not guide an attacker. */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly code = 'UNAUTHENTICATED';
}

export class InsufficientScopeError extends DomainError {
  readonly status = 403;
  readonly code = 'INSUFFICIENT_SCOPE';
  constructor(required: string[]) {
    super(`This route needs the scope(s): ${required.join(', ')}`, { required_scopes: required });
  }
}

export class PrincipalNotAllowedError extends DomainError {
  readonly status = 403;
  readonly code = 'PRINCIPAL_NOT_ALLOWED';
  constructor(allowed: string[]) {
    super(`This route is only open to: ${allowed.join(', ')}`, { allowed_principals: allowed });
  }
}

/** A route that declares neither @Public() nor @Scopes(): closed until it does (the route-table test fails on it). */
export class RouteAccessUndeclaredError extends DomainError {
  readonly status = 403;
  readonly code = 'ROUTE_ACCESS_UNDECLARED';
  constructor() {
    super('This route does not declare who may call it');
  }
}
