import type { KeyObject } from 'node:crypto';
import type { Principal } from '../../../common/auth/principal';
import type { JwtClaims } from '../jwt/jwt-codec';

/** One identity provider whose tokens the guard accepts, with its pinned algorithms and audiences. */
export interface TrustedIssuer {
  /** Short name, for logs and for namespacing external subjects. */
  name: string;
  issuer: string;
  audiences: string[];
  algorithms: string[];
  keyFor(kid: unknown): Promise<KeyObject | undefined>;
  /** The principal for verified claims, or undefined when the claims do not fit this issuer. */
  principalFor(claims: JwtClaims): Principal | undefined;
}

export interface ExternalIssuerConfig {
  name: string;
  issuer: string;
  audience: string | string[];
  jwks_uri: string;
  algorithms?: string[];
}

export function scopesOf(claims: JwtClaims): string[] {
  const raw = claims.scope ?? claims.scp;
  if (typeof raw === 'string') return raw.split(' ').filter(Boolean);
  return Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
}

export function audiencesOf(claims: JwtClaims): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}
