import { SetMetadata } from '@nestjs/common';

export const REQUIRED_SCOPES = 'auth:requiredScopes';
export const ALLOWED_PRINCIPALS = 'auth:allowedPrincipals';

/**
 * Declares the scopes a route needs (all of them). Every route declares either this or @Public();
 * a test walks the route table and fails on a route that declares neither.
 */
export const Scopes = (...scopes: string[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPES, scopes);

/** Restricts a route to users or to service clients (default: both). */
export const AllowPrincipals = (...kinds: Array<'user' | 'client'>): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWED_PRINCIPALS, kinds);
