import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { AuthEnv, DatabaseEnv } from '../../config/env';
import { JwtClaims, signJwt } from './jwt/jwt-codec';
import { loadSigningKeys, SigningKey } from './keys/signing-keys';

export interface IssueTokenInput {
  /** The owner id the token stands for: a user id, or a service_clients.id. */
  subject: string;
  kind: 'user' | 'client';
  scopes: readonly string[];
  ttlSeconds?: number;
  /** Extra claims (e.g. client_id, email); cannot override the registered ones. */
  extra?: JwtClaims;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

export interface PublicJwk {
  kty: string;
  kid: string;
  alg: string;
  use: 'sig';
  [member: string]: unknown;
}

/**
 * The service's own access tokens: signed with the newest key, verifiable with every configured key
 * (so a rotated-out key keeps verifying until it is removed). Needs no database, so the CLI can use
 * it while the service holds the embedded database.
 */
@Injectable()
export class TokenSigningService {
  private readonly env: AuthEnv;
  private readonly keys: SigningKey[];

  constructor(config: AppConfig) {
    this.env = config.get(AuthEnv);
    this.keys = loadSigningKeys(this.env.AUTH_SIGNING_KEYS, config.get(DatabaseEnv).DATA_DIR);
  }

  get issuer(): string {
    return this.env.AUTH_ISSUER;
  }

  /** Audience of user tokens. */
  get userAudience(): string {
    return this.env.AUTH_AUDIENCE;
  }

  /** Audience of service-client tokens, distinct so neither kind can pass for the other. */
  get serviceAudience(): string {
    return `${this.env.AUTH_AUDIENCE}/service`;
  }

  issueAccessToken(input: IssueTokenInput): IssuedToken {
    const ttl = input.ttlSeconds ?? this.env.AUTH_ACCESS_TOKEN_TTL_SECONDS;
    const now = Math.floor(Date.now() / 1000);
    const claims: JwtClaims = {
      ...input.extra,
      iss: this.issuer,
      sub: input.subject,
      aud: input.kind === 'client' ? this.serviceAudience : this.userAudience,
      iat: now,
      nbf: now,
      exp: now + ttl,
      jti: randomUUID(),
      scope: input.scopes.join(' '),
    };
    return { accessToken: this.signClaims(claims), expiresIn: ttl };
  }

  /** Signs arbitrary claims with the current key; issueAccessToken is the normal path (tests forge edge cases with this). */
  signClaims(claims: JwtClaims): string {
    return signJwt(claims, this.keys[0]);
  }

  verificationKey(kid: unknown): SigningKey | undefined {
    return this.keys.find((key) => key.kid === kid);
  }

  get algorithms(): string[] {
    return [...new Set(this.keys.map((key) => key.alg))];
  }

  publicJwks(): { keys: PublicJwk[] } {
    return { keys: this.keys.map((key) => ({ ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, alg: key.alg, use: 'sig' }) as PublicJwk) };
  }
}
