import { Injectable } from '@nestjs/common';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../../config/app-config';
import { AuthEnv } from '../../../config/env';
import { GoogleSignInDisabledError, InvalidGoogleTokenError } from '../auth.errors';
import { JwksKeySet } from '../issuers/jwks-key-set';
import { decodeUnverified, JwtClaims } from '../jwt/jwt-codec';

export interface GoogleIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

const GOOGLE_ISSUERS: [string, ...string[]] = ['accounts.google.com', 'https://accounts.google.com'];

type Attempt = Strategy & { success(user: unknown): void; fail(info: unknown): void; error(err: unknown): void };

/**
 * Verifies Google ID tokens with the same passport-jwt verification as bearer tokens: RS256 only,
 * key by kid from Google's JWKS (cached, refetched on an unknown kid), Google's issuers, our client
 * id as audience, exp and nbf.
 */
@Injectable()
export class GoogleIdTokenVerifier {
  private readonly strategy?: Strategy;

  constructor(config: AppConfig) {
    const env = config.get(AuthEnv);
    if (!env.AUTH_GOOGLE_CLIENT_ID) return;
    const keys = new JwksKeySet({ url: env.AUTH_GOOGLE_JWKS_URL, cacheMs: env.AUTH_JWKS_CACHE_SECONDS * 1000, refetchIntervalMs: env.AUTH_JWKS_REFETCH_INTERVAL_SECONDS * 1000 });
    this.strategy = new Strategy(
      {
        jwtFromRequest: ExtractJwt.fromBodyField('access_token'),
        secretOrKeyProvider: (_req: unknown, raw: string, done: (err: unknown, key?: string) => void) => {
          const header = decodeUnverified(raw)?.header;
          if (header?.alg !== 'RS256') return done(new Error('algorithm not allowed'));
          keys.keyFor(header.kid).then((key) => (key ? done(null, key.export({ type: 'spki', format: 'pem' }) as string) : done(new Error('unknown kid'))), done);
        },
        algorithms: ['RS256'],
        issuer: GOOGLE_ISSUERS,
        audience: env.AUTH_GOOGLE_CLIENT_ID,
        jsonWebTokenOptions: { clockTolerance: env.AUTH_CLOCK_TOLERANCE_SECONDS },
      },
      (claims: JwtClaims, done: (err: unknown, user?: unknown) => void) => done(null, claims),
    );
  }

  async verify(idToken: string): Promise<GoogleIdentity> {
    if (!this.strategy) throw new GoogleSignInDisabledError();
    const claims = await this.authenticate(this.strategy, idToken).catch(() => {
      throw new InvalidGoogleTokenError();
    });
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') throw new InvalidGoogleTokenError();
    const email = typeof claims.email === 'string' ? claims.email : null;
    // Google sends a boolean; older tokens carried the string "true".
    const emailVerified = claims.email_verified === true || claims.email_verified === 'true';
    return { subject: claims.sub, email, emailVerified };
  }

  /** Runs the strategy outside a request pipeline, the way passport itself does: by giving it success/fail/error. */
  private authenticate(strategy: Strategy, token: string): Promise<JwtClaims> {
    return new Promise((resolve, reject) => {
      const attempt = Object.create(strategy) as Attempt;
      attempt.success = (user) => resolve(user as JwtClaims);
      attempt.fail = (info) => reject(info instanceof Error ? info : new Error(String(info)));
      attempt.error = reject;
      attempt.authenticate({ body: { access_token: token }, headers: {} } as never);
    });
  }
}
