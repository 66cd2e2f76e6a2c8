import { sign as cryptoSign } from 'node:crypto';
import type { SigningKey } from '../keys/signing-keys';

export interface JwtHeader {
  alg?: unknown;
  kid?: unknown;
  typ?: unknown;
}

export type JwtClaims = Record<string, unknown>;

function encodeSegment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Signs compact JWS with node:crypto (jose is ESM-only and will not load under jest's CommonJS runtime). */
export function signJwt(claims: JwtClaims, key: SigningKey): string {
  const input = `${encodeSegment({ alg: key.alg, typ: 'JWT', kid: key.kid })}.${encodeSegment(claims)}`;
  const signature = key.alg === 'ES256'
    ? cryptoSign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
    : cryptoSign('sha256', Buffer.from(input), key.privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * Reads header and claims WITHOUT verifying anything: only to choose the issuer's key before
 * passport-jwt verifies the signature. Never trust what it returns on its own.
 */
export function decodeUnverified(token: string): { header: JwtHeader; claims: JwtClaims } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as unknown;
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object') return undefined;
    return { header: header as JwtHeader, claims: claims as JwtClaims };
  } catch {
    return undefined;
  }
}
