import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { CredentialsEnv } from '../../config/env';
import type { Principal } from '../../common/auth/principal';
import type { CredentialRequirement } from '../mcp-catalog/catalog.types';
import { CredentialRecord, CredentialStatus } from './credential.types';
import { CredentialRequirementsSource } from './credential-requirements.source';
import { CredentialVault } from './credential-vault';
import { credentialErrors } from './credentials.errors';
import { CredentialsRepository } from './credentials.repository';

const DAY_MS = 86_400_000;

/** A credential as the outside world sees it: status only, never a value. */
export interface CredentialStatusView {
  mcp_server: string;
  credential_key: string;
  status: CredentialStatus;
  expires_at: string;
}

export interface StoreOptions {
  expiresInDays?: number;
  fileName?: string;
  fileType?: string;
}

export function effectiveStatus(record: Pick<CredentialRecord, 'status' | 'expiresAt'>, now = new Date()): CredentialStatus {
  return record.expiresAt.getTime() <= now.getTime() ? 'expired' : record.status;
}

export function toStatusView(record: CredentialRecord, now = new Date()): CredentialStatusView {
  return { mcp_server: record.serverId, credential_key: record.key, status: effectiveStatus(record, now), expires_at: record.expiresAt.toISOString() };
}

/** Catalog lookups and the single write path (encrypt + upsert + audit) shared by every intake. */
@Injectable()
export class CredentialStore {
  constructor(
    private readonly config: AppConfig,
    private readonly source: CredentialRequirementsSource,
    private readonly repository: CredentialsRepository,
    private readonly vault: CredentialVault,
  ) {}

  async requirementsFor(serverId: string): Promise<CredentialRequirement[]> {
    const found = (await this.source.getCredentialRequirements([serverId])).get(serverId);
    if (!found) throw credentialErrors.serverUnknown(serverId);
    return found.map((requirement) => ({ ...requirement, serverId }));
  }

  async requirement(serverId: string, key: string): Promise<CredentialRequirement> {
    const requirement = (await this.requirementsFor(serverId)).find((candidate) => candidate.key === key);
    if (!requirement) throw credentialErrors.keyNotDeclared(serverId, key);
    return requirement;
  }

  expiryFor(days: number | undefined): Date {
    const env = this.config.get(CredentialsEnv);
    if (days !== undefined && days > env.CREDENTIAL_MAX_TTL_DAYS) throw credentialErrors.ttlTooLong(env.CREDENTIAL_MAX_TTL_DAYS);
    return new Date(Date.now() + (days ?? env.CREDENTIAL_TTL_DAYS) * DAY_MS);
  }

  async store(principal: Principal, requirement: CredentialRequirement, plaintext: Buffer, options: StoreOptions = {}): Promise<CredentialRecord> {
    const expiresAt = this.expiryFor(options.expiresInDays);
    const { serverId, key } = requirement;
    const sealed = this.vault.seal(principal.ownerId, serverId, key, plaintext);
    const { record } = await this.repository.upsertOwned(
      principal.ownerId,
      { ...sealed, serverId, key, kind: requirement.kind, fileName: options.fileName, fileType: options.fileType, status: 'unverified', expiresAt },
      { ownerId: principal.ownerId, actorId: principal.ownerId, serverId, key, outcome: 'success', detail: `via ${principal.kind}` },
    );
    return record;
  }
}
