import { Injectable } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import type { Principal } from '../../../common/auth/principal';
import { AppConfig } from '../../../config/app-config';
import { AuthEnv } from '../../../config/env';
import { scopesForUser } from '../auth.scopes';
import { decodeUnverified, JwtClaims } from '../jwt/jwt-codec';
import { TokenSigningService } from '../token-signing.service';
import { JwksKeySet } from './jwks-key-set';
import { audiencesOf, ExternalIssuerConfig, scopesOf, TrustedIssuer } from './trusted-issuer';

/** Why a token was refused; logged at debug, never sent beyond a coarse reason. */
export class TokenRejected extends Error {}

const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$/;

/**
 * Every issuer whose bearer tokens the API accepts: the service itself and the external providers in
 * AUTH_EXTERNAL_ISSUERS. The key is picked by issuer and kid; algorithms are pinned per issuer.
 */
@Injectable()
export class IssuerRegistry {
  readonly issuers: TrustedIssuer[];
  private readonly env: AuthEnv;

  constructor(config: AppConfig, signing: TokenSigningService) {
    this.env = config.get(AuthEnv);
    const external = this.env.AUTH_EXTERNAL_ISSUERS ? (JSON.parse(this.env.AUTH_EXTERNAL_ISSUERS) as ExternalIssuerConfig[]) : [];
    this.issuers = [this.ownIssuer(signing), ...external.map((c) => this.externalIssuer(c))];
  }

  get clockToleranceSeconds(): number {
    return this.env.AUTH_CLOCK_TOLERANCE_SECONDS;
  }

  allIssuers(): string[] {
    return this.issuers.map((i) => i.issuer);
  }

  allAudiences(): string[] {
    return [...new Set(this.issuers.flatMap((i) => i.audiences))];
  }

  allAlgorithms(): string[] {
    return [...new Set(this.issuers.flatMap((i) => i.algorithms))];
  }

  /** Chooses the verification key from the unverified header and `iss`; passport-jwt then verifies with it. */
  async resolveKey(rawToken: string): Promise<KeyObject> {
    const decoded = decodeUnverified(rawToken);
    if (!decoded) throw new TokenRejected('malformed token');
    const issuer = this.issuers.find((i) => i.issuer === decoded.claims.iss);
    if (!issuer) throw new TokenRejected('unknown issuer');
    if (typeof decoded.header.alg !== 'string' || !issuer.algorithms.includes(decoded.header.alg)) throw new TokenRejected('algorithm not allowed for this issuer');
    const key = await issuer.keyFor(decoded.header.kid);
    if (!key) throw new TokenRejected('unknown key id');
    return key;
  }

  /** After the signature, exp and nbf are verified: pairs issuer with its own audiences and builds the principal. */
  principalFor(claims: JwtClaims): Principal {
    const issuer = this.issuers.find((i) => i.issuer === claims.iss);
    if (!issuer) throw new TokenRejected('unknown issuer');
    if (typeof claims.exp !== 'number') throw new TokenRejected('token without expiry');
    if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new TokenRejected('token without subject');
    if (!audiencesOf(claims).some((aud) => issuer.audiences.includes(aud))) throw new TokenRejected('audience not accepted for this issuer');
    const principal = issuer.principalFor(claims);
    if (!principal) throw new TokenRejected('claims do not fit the issuer');
    return principal;
  }

  private ownIssuer(signing: TokenSigningService): TrustedIssuer {
    return {
      name: 'self',
      issuer: signing.issuer,
      audiences: [signing.userAudience, signing.serviceAudience],
      algorithms: signing.algorithms,
      keyFor: async (kid) => signing.verificationKey(kid)?.publicKey,
      principalFor: (claims) => {
        const audiences = audiencesOf(claims);
        const isClient = audiences.includes(signing.serviceAudience);
        // A token naming both audiences would let one kind pass for the other.
        if (isClient === audiences.includes(signing.userAudience)) return undefined;
        return { ownerId: claims.sub as string, kind: isClient ? 'client' : 'user', scopes: scopesOf(claims), issuer: signing.issuer };
      },
    };
  }

  private externalIssuer(config: ExternalIssuerConfig): TrustedIssuer {
    const algorithms = (config.algorithms ?? ['RS256']).filter((alg) => ASYMMETRIC.test(alg));
    const keys = new JwksKeySet({
      url: config.jwks_uri,
      cacheMs: this.env.AUTH_JWKS_CACHE_SECONDS * 1000,
      refetchIntervalMs: this.env.AUTH_JWKS_REFETCH_INTERVAL_SECONDS * 1000,
    });
    return {
      name: config.name,
      issuer: config.issuer,
      audiences: Array.isArray(config.audience) ? config.audience : [config.audience],
      algorithms,
      keyFor: (kid) => keys.keyFor(kid),
      principalFor: (claims) => {
        // Namespaced so a subject at one provider can never collide with another provider's or ours.
        const ownerId = `${config.name}:${claims.sub as string}`;
        return { ownerId, kind: 'user', scopes: scopesForUser(ownerId, this.env.AUTH_ADMIN_SUBJECTS), issuer: config.issuer };
      },
    };
  }
}
