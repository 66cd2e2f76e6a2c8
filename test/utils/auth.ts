import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { USER_SCOPES } from '../../src/modules/auth/auth.scopes';
import { TokenSigningService } from '../../src/modules/auth/token-signing.service';

export interface BearerOptions {
  /** The owner the token stands for (a user id, or a service_clients.id for clients); random when omitted. */
  ownerId?: string;
  kind?: 'user' | 'client';
  /** Granted scopes; users default to every user scope, clients to none. */
  scopes?: string[];
  ttlSeconds?: number;
}

/**
 * `Authorization` header value for a token signed by the app's own key, for e2e tests of protected
 * routes: `.set('authorization', await bearerFor(t.app, { ownerId: 'alice' }))`.
 */
export async function bearerFor(app: INestApplication, options: BearerOptions = {}): Promise<string> {
  const kind = options.kind ?? 'user';
  const scopes = options.scopes ?? (kind === 'user' ? [...USER_SCOPES] : []);
  const { accessToken } = app.get(TokenSigningService, { strict: false }).issueAccessToken({ subject: options.ownerId ?? randomUUID(), kind, scopes, ttlSeconds: options.ttlSeconds });
  return Promise.resolve(`Bearer ${accessToken}`);
}
