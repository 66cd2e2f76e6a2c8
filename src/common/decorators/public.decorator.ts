import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:isPublic';

/**
 * Declares a route reachable without a token. Every route must declare either this or the scopes it
 * needs; a test walks the route table and fails on a route that declares neither.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
