import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../database/prisma.service';

/** Service clients are administered, not owned: no owner column, reached only by admins and the token endpoint. */
export interface ServiceClientRecord {
  id: string;
  clientId: string;
  name: string;
  secretHash: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewServiceClient {
  clientId: string;
  name: string;
  secretHash: string;
  scopes: string[];
}

@Injectable()
export class ServiceClientsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(client: NewServiceClient): Promise<ServiceClientRecord> {
    return this.prisma.serviceClient.create({ data: client });
  }

  async findByClientId(clientId: string): Promise<ServiceClientRecord | undefined> {
    return (await this.prisma.serviceClient.findUnique({ where: { clientId } })) ?? undefined;
  }

  async list(): Promise<ServiceClientRecord[]> {
    return this.prisma.serviceClient.findMany({ orderBy: { createdAt: 'asc' } });
  }

  /** False when there is no such client or it was already revoked. */
  async revoke(clientId: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.serviceClient.updateMany({ where: { clientId, revokedAt: null }, data: { revokedAt: at } });
    return count === 1;
  }

  /** undefined: no such client; null: active. */
  async findRevokedAt(id: string): Promise<Date | null | undefined> {
    const row = await this.prisma.serviceClient.findUnique({ where: { id }, select: { revokedAt: true } });
    return row ? row.revokedAt : undefined;
  }

  async touchLastUsed(id: string, at: Date): Promise<void> {
    await this.prisma.serviceClient.update({ where: { id }, data: { lastUsedAt: at } });
  }
}
