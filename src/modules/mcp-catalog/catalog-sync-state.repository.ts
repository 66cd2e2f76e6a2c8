import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';

export interface SyncState {
  source: string;
  /** The newest `updatedAt` a completed run saw; the next run asks only for entries updated since. */
  updatedSince?: string;
  lastRunAt: Date;
}

@Injectable()
export class CatalogSyncStateRepository {
  constructor(private readonly prisma: PrismaService) {}

  async find(source: string): Promise<SyncState | undefined> {
    const row = await this.prisma.catalogSyncState.findUnique({ where: { source } });
    return row ? { source: row.source, ...(row.updatedSince ? { updatedSince: row.updatedSince } : {}), lastRunAt: row.lastRunAt } : undefined;
  }

  async save(state: SyncState): Promise<void> {
    const data = { updatedSince: state.updatedSince ?? null, cursor: null, lastRunAt: state.lastRunAt };
    await this.prisma.catalogSyncState.upsert({ where: { source: state.source }, create: { source: state.source, ...data }, update: data });
  }
}
