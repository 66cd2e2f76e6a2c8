import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../database/prisma.service';

export interface RefreshTokenRecord {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

const SELECT = { id: true, userId: true, familyId: true, expiresAt: true, rotatedAt: true, revokedAt: true } as const;

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(userId: string, familyId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await this.prisma.refreshToken.create({ data: { userId, familyId, tokenHash, expiresAt } });
  }

  /** By hash alone: the presented token is itself the credential that names its owner. */
  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    return (await this.prisma.refreshToken.findUnique({ where: { tokenHash }, select: SELECT })) ?? undefined;
  }

  /** Marks the token used, only if it still is usable; false means another request rotated it first (a reuse). */
  async markRotated(userId: string, id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.refreshToken.updateMany({ where: { id, userId, rotatedAt: null, revokedAt: null }, data: { rotatedAt: at } });
    return count === 1;
  }

  async revokeFamily(userId: string, familyId: string, at: Date): Promise<number> {
    const { count } = await this.prisma.refreshToken.updateMany({ where: { userId, familyId, revokedAt: null }, data: { revokedAt: at } });
    return count;
  }
}
