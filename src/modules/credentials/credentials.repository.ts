import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';
import type { Credential, CredentialAuditEvent } from '../../generated/prisma/client';
import { AuditEvent, AuditRecord, CredentialRecord, CredentialStatus, CredentialStatusRow, NewCredential } from './credential.types';

type Tx = Parameters<Parameters<PrismaService['$transaction']>[0]>[0];

/** Prisma's Bytes type wants a Uint8Array over a plain ArrayBuffer (a copy; Buffers may share a pool). */
function bytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(new ArrayBuffer(buffer.length));
  copy.set(buffer);
  return copy;
}

function toRecord(row: Credential): CredentialRecord {
  return {
    id: row.id,
    ownerId: row.ownerId,
    serverId: row.serverId,
    key: row.key,
    kind: row.kind,
    ciphertext: Buffer.from(row.ciphertext),
    nonce: Buffer.from(row.nonce),
    authTag: Buffer.from(row.authTag),
    wrappedDataKey: Buffer.from(row.wrappedDataKey),
    keyVersion: row.keyVersion,
    fileName: row.fileName,
    fileType: row.fileType,
    status: row.status as CredentialStatus,
    statusReason: row.statusReason,
    validatedAt: row.validatedAt,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toAudit(row: CredentialAuditEvent): AuditRecord {
  return { ...row, action: row.action as AuditRecord['action'], outcome: row.outcome as AuditRecord['outcome'] };
}

/**
 * Credentials and their audit trail. Every owned query takes the owner id first; writes that change
 * a credential commit together with their audit row, so neither exists without the other.
 */
@Injectable()
export class CredentialsRepository {
  constructor(private readonly prisma: PrismaService) {}

  databaseMode(): 'embedded' | 'postgres' {
    return this.prisma.mode;
  }

  async findOwned(ownerId: string, serverId: string, key: string): Promise<CredentialRecord | null> {
    const row = await this.prisma.credential.findUnique({ where: { ownerId_serverId_key: { ownerId, serverId, key } } });
    return row ? toRecord(row) : null;
  }

  async listOwned(ownerId: string, serverIds?: string[]): Promise<CredentialRecord[]> {
    const rows = await this.prisma.credential.findMany({
      where: { ownerId, ...(serverIds ? { serverId: { in: serverIds } } : {}) },
      orderBy: [{ serverId: 'asc' }, { key: 'asc' }],
    });
    return rows.map(toRecord);
  }

  /** Server, key, status and expiry of the owner's records for these servers: no ciphertext read or copied. */
  async listStatusesOwned(ownerId: string, serverIds: string[]): Promise<CredentialStatusRow[]> {
    if (serverIds.length === 0) return [];
    const rows = await this.prisma.credential.findMany({
      where: { ownerId, serverId: { in: serverIds } },
      select: { serverId: true, key: true, status: true, expiresAt: true },
    });
    return rows.map((row) => ({ ...row, status: row.status as CredentialStatus }));
  }

  /** Inserts or replaces the owner's record for server+key; `created` tells which. */
  async upsertOwned(ownerId: string, input: NewCredential, audit: Omit<AuditEvent, 'action'>): Promise<{ record: CredentialRecord; created: boolean }> {
    return this.prisma.$transaction(async (tx) => {
      const where = { ownerId_serverId_key: { ownerId, serverId: input.serverId, key: input.key } };
      const existing = await tx.credential.findUnique({ where, select: { id: true } });
      const data = {
        ...input,
        ciphertext: bytes(input.ciphertext),
        nonce: bytes(input.nonce),
        authTag: bytes(input.authTag),
        wrappedDataKey: bytes(input.wrappedDataKey),
        fileName: input.fileName ?? null,
        fileType: input.fileType ?? null,
        statusReason: input.statusReason ?? null,
        validatedAt: null,
      };
      const row = await tx.credential.upsert({ where, create: { ownerId, ...data }, update: data });
      await this.insertAudit(tx, { ...audit, action: existing ? 'update' : 'create' });
      return { record: toRecord(row), created: !existing };
    });
  }

  async deleteOwned(ownerId: string, serverId: string, key: string, audit: Omit<AuditEvent, 'action'>): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.credential.deleteMany({ where: { ownerId, serverId, key } });
      if (count > 0) await this.insertAudit(tx, { ...audit, action: 'delete' });
      return count > 0;
    });
  }

  async setStatusOwned(ownerId: string, serverId: string, key: string, status: CredentialStatus, reason: string | null, audit: Omit<AuditEvent, 'action'>): Promise<CredentialRecord | null> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.credential.updateMany({ where: { ownerId, serverId, key }, data: { status, statusReason: reason, validatedAt: new Date() } });
      if (count === 0) return null;
      await this.insertAudit(tx, { ...audit, action: 'validate' });
      const row = await tx.credential.findUnique({ where: { ownerId_serverId_key: { ownerId, serverId, key } } });
      return row ? toRecord(row) : null;
    });
  }

  /** Deletes up to `limit` records expired at `now`, each with its `expire` audit row; returns how many. */
  async purgeExpired(now: Date, limit: number): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.credential.findMany({ where: { expiresAt: { lte: now } }, take: limit, select: { id: true, ownerId: true, serverId: true, key: true } });
      if (rows.length === 0) return 0;
      await tx.credential.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
      await tx.credentialAuditEvent.createMany({
        data: rows.map((row) => ({ ownerId: row.ownerId, actorId: 'system', serverId: row.serverId, key: row.key, action: 'expire', outcome: 'success' })),
      });
      return rows.length;
    });
  }

  async keyVersionsInUse(): Promise<string[]> {
    const rows = await this.prisma.credential.findMany({ distinct: ['keyVersion'], select: { keyVersion: true } });
    return rows.map((row) => row.keyVersion);
  }

  async countByKeyVersion(): Promise<Record<string, number>> {
    const groups = await this.prisma.credential.groupBy({ by: ['keyVersion'], _count: { _all: true } });
    return Object.fromEntries(groups.map((group) => [group.keyVersion, group._count._all]));
  }

  /** A few records wrapped under `version`, to check at start-up that the configured key opens them. */
  async sampleForKeyVersion(version: string, limit: number): Promise<CredentialRecord[]> {
    const rows = await this.prisma.credential.findMany({ where: { keyVersion: version }, orderBy: { createdAt: 'desc' }, take: limit });
    return rows.map(toRecord);
  }

  /** A batch of records whose data key is wrapped under some other version than `version`. */
  async findNotOnKeyVersion(version: string, afterId: string | undefined, limit: number): Promise<CredentialRecord[]> {
    const rows = await this.prisma.credential.findMany({
      where: { keyVersion: { not: version }, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take: limit,
    });
    return rows.map(toRecord);
  }

  /**
   * Commits one batch of re-wrapped data keys. Each update is conditional on the version it was
   * read under, so a concurrent change is skipped rather than overwritten.
   */
  async saveRewrapped(updates: Array<{ id: string; fromVersion: string; wrappedDataKey: Buffer; keyVersion: string }>): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      let saved = 0;
      for (const update of updates) {
        const { count } = await tx.credential.updateMany({
          where: { id: update.id, keyVersion: update.fromVersion },
          data: { wrappedDataKey: bytes(update.wrappedDataKey), keyVersion: update.keyVersion },
        });
        saved += count;
      }
      return saved;
    });
  }

  async recordAudit(event: AuditEvent): Promise<void> {
    await this.insertAudit(this.prisma, event);
  }

  async listAuditOwned(ownerId: string): Promise<AuditRecord[]> {
    const rows = await this.prisma.credentialAuditEvent.findMany({ where: { ownerId }, orderBy: { createdAt: 'asc' } });
    return rows.map(toAudit);
  }

  private async insertAudit(tx: Tx | PrismaService, event: AuditEvent): Promise<void> {
    await tx.credentialAuditEvent.create({ data: { ...event, purpose: event.purpose ?? null, detail: event.detail ?? null } });
  }
}
