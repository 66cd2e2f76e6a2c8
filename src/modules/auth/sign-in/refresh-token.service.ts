import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppConfig } from '../../../config/app-config';
import { AuthEnv } from '../../../config/env';
import { InvalidRefreshTokenError } from '../auth.errors';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export interface IssuedRefreshToken {
  token: string;
  userId: string;
}

// 256 random bits: a plain SHA-256 is enough to store it (nothing to brute-force), and lookups stay indexable.
function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Opaque refresh tokens in families: each use rotates to a new token of the same family, and
 * presenting an already-rotated token (a stolen copy, or the thief's after the owner's) revokes the
 * whole family.
 */
@Injectable()
export class RefreshTokenService {
  private readonly logger = new Logger(RefreshTokenService.name);
  private readonly ttlMs: number;

  constructor(
    private readonly tokens: RefreshTokensRepository,
    config: AppConfig,
  ) {
    this.ttlMs = config.get(AuthEnv).AUTH_REFRESH_TOKEN_TTL_SECONDS * 1000;
  }

  async issue(userId: string, familyId: string = randomUUID()): Promise<IssuedRefreshToken> {
    const token = `rt_${randomBytes(32).toString('base64url')}`;
    await this.tokens.create(userId, familyId, hashOf(token), new Date(Date.now() + this.ttlMs));
    return { token, userId };
  }

  /** Trades a usable refresh token for a new one of the same family. */
  async rotate(presented: string): Promise<IssuedRefreshToken> {
    const record = await this.tokens.findByHash(hashOf(presented));
    if (!record || record.revokedAt) throw new InvalidRefreshTokenError();
    const now = new Date();
    if (record.expiresAt <= now) throw new InvalidRefreshTokenError();
    if (record.rotatedAt || !(await this.tokens.markRotated(record.userId, record.id, now))) {
      const revoked = await this.tokens.revokeFamily(record.userId, record.familyId, now);
      this.logger.warn({ user_id: record.userId, family_id: record.familyId, revoked }, 'Refresh token reused: family revoked');
      throw new InvalidRefreshTokenError();
    }
    return this.issue(record.userId, record.familyId);
  }
}
