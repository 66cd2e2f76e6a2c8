import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config';
import { AuthEnv } from '../../../config/env';
import { TokenSigningService } from '../token-signing.service';
import { FailureRateLimiter } from './failure-rate-limiter';
import { OAuthError } from './oauth.errors';
import { ServiceClientsService } from './service-clients.service';

export interface TokenRequest {
  grant_type?: string;
  client_id?: string;
  client_secret?: string;
  scope?: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

interface ClientCredentials {
  clientId: string;
  secret: string;
  method: 'client_secret_basic' | 'client_secret_post';
}

const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="oauth", charset="UTF-8"' };

/** RFC 6749 §4.4: a service client trades its id and secret for an access token with its granted scopes. */
@Injectable()
export class ClientCredentialsService {
  private readonly logger = new Logger(ClientCredentialsService.name);
  private readonly failures: FailureRateLimiter;

  constructor(
    private readonly clients: ServiceClientsService,
    private readonly signing: TokenSigningService,
    config: AppConfig,
  ) {
    const env = config.get(AuthEnv);
    this.failures = new FailureRateLimiter(env.AUTH_TOKEN_FAILURE_LIMIT, env.AUTH_TOKEN_FAILURE_WINDOW_SECONDS * 1000);
  }

  async exchange(body: TokenRequest, authorization: string | undefined, ip: string): Promise<TokenResponse> {
    const credentials = this.credentialsOf(body, authorization);
    if (!body.grant_type) throw new OAuthError(400, 'invalid_request', 'grant_type is required');
    if (body.grant_type !== 'client_credentials') throw new OAuthError(400, 'unsupported_grant_type', 'Only the client_credentials grant is supported');
    const keys = [`client:${credentials.clientId}`, `ip:${ip}`];
    const retryAfter = Math.max(...keys.map((k) => this.failures.retryAfterSeconds(k)));
    if (retryAfter > 0) throw new OAuthError(429, 'slow_down', 'Too many failed attempts; retry later', { 'Retry-After': String(retryAfter) });
    const client = await this.clients.authenticate(credentials.clientId, credentials.secret);
    if (!client) {
      for (const key of keys) this.failures.recordFailure(key);
      this.logger.warn({ client_id: credentials.clientId, ip }, 'Client authentication failed');
      throw new OAuthError(401, 'invalid_client', 'Client authentication failed', credentials.method === 'client_secret_basic' ? BASIC_CHALLENGE : {});
    }
    this.failures.reset(keys[0]);
    const scopes = this.grantedScopes(body.scope, client.scopes);
    const token = this.signing.issueAccessToken({ subject: client.id, kind: 'client', scopes, extra: { client_id: client.clientId } });
    return { access_token: token.accessToken, token_type: 'Bearer', expires_in: token.expiresIn, scope: scopes.join(' ') };
  }

  /** A requested scope must be a subset of the grant; none requested means everything granted. */
  private grantedScopes(requested: string | undefined, granted: string[]): string[] {
    if (requested === undefined || requested.trim() === '') return granted;
    const asked = [...new Set(requested.split(' ').filter(Boolean))];
    const refused = asked.filter((s) => !granted.includes(s));
    if (refused.length) throw new OAuthError(400, 'invalid_scope', `Scope(s) not granted to this client: ${refused.join(' ')}`);
    return asked;
  }

  private credentialsOf(body: TokenRequest, authorization: string | undefined): ClientCredentials {
    const basic = authorization?.match(/^Basic\s+(\S+)$/i);
    if (basic) {
      if (body.client_secret !== undefined) throw new OAuthError(400, 'invalid_request', 'Use one client authentication method, not two');
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new OAuthError(401, 'invalid_client', 'Malformed Basic credentials', BASIC_CHALLENGE);
      // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
      const clientId = safeDecode(decoded.slice(0, colon));
      if (body.client_id !== undefined && body.client_id !== clientId) throw new OAuthError(400, 'invalid_request', 'client_id in the body differs from the Basic credentials');
      return { clientId, secret: safeDecode(decoded.slice(colon + 1)), method: 'client_secret_basic' };
    }
    if (!body.client_id || !body.client_secret) throw new OAuthError(401, 'invalid_client', 'Client authentication is required (client_secret_basic or client_secret_post)', BASIC_CHALLENGE);
    return { clientId: body.client_id, secret: body.client_secret, method: 'client_secret_post' };
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
