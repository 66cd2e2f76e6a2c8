import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { CredentialsEnv } from '../../config/env';
import type { CatalogServer } from '../mcp-catalog/catalog.types';
import { CredentialRecord, CredentialStatus } from './credential.types';
import { formatProblem } from './credential-format';
import { CredentialLiveValidator, LiveCheckResult } from './credential-live-validator';
import { CredentialRequirementsSource } from './credential-requirements.source';
import { CredentialStatusView, toStatusView } from './credential-store';
import { CredentialVault, MaterializedFiles } from './credential-vault';
import { credentialErrors } from './credentials.errors';
import { CredentialsRepository } from './credentials.repository';

export interface CredentialValidationView {
  mcp_server: string;
  status: CredentialStatus;
  reason: string;
  expires_at: string | null;
  credentials: CredentialStatusView[];
}

/** `POST /api/credentials/{server}/validate`: format rules first, then a live check of the server. */
@Injectable()
export class CredentialValidationService {
  constructor(
    private readonly config: AppConfig,
    private readonly source: CredentialRequirementsSource,
    private readonly repository: CredentialsRepository,
    private readonly vault: CredentialVault,
    private readonly live: CredentialLiveValidator,
  ) {}

  async validate(ownerId: string, actorId: string, serverId: string): Promise<CredentialValidationView> {
    const server = await this.server(serverId);
    const records = await this.repository.listOwned(ownerId, [serverId]);
    if (records.length === 0) throw credentialErrors.notFound(serverId, '*');
    const now = Date.now();
    const current = records.filter((record) => record.expiresAt.getTime() > now);
    const purpose = `validation:${randomUUID()}`;
    const result = current.length === 0 ? { status: 'expired' as const, reason: 'every stored credential for this server has expired' } : await this.check(server, current, { actorId, purpose });
    const updated: CredentialRecord[] = [];
    for (const record of records) {
      if (!current.includes(record)) {
        updated.push(record);
        continue;
      }
      const audit = { ownerId, actorId, serverId, key: record.key, purpose, outcome: result.status === 'valid' ? ('success' as const) : ('failure' as const), detail: result.status };
      updated.push((await this.repository.setStatusOwned(ownerId, serverId, record.key, result.status, result.reason, audit)) ?? record);
    }
    const earliest = current.map((record) => record.expiresAt.getTime()).sort((a, b) => a - b)[0];
    return { mcp_server: serverId, status: result.status, reason: result.reason, expires_at: earliest ? new Date(earliest).toISOString() : null, credentials: updated.map((record) => toStatusView(record)) };
  }

  private async server(serverId: string): Promise<CatalogServer> {
    if (!(await this.source.getCredentialRequirements([serverId])).has(serverId)) throw credentialErrors.serverUnknown(serverId);
    return this.source.getServer(serverId);
  }

  private async check(server: CatalogServer, records: CredentialRecord[], request: { actorId: string; purpose: string }): Promise<{ status: 'valid' | 'invalid' | 'unverified'; reason: string }> {
    const stored = new Set(records.map((record) => record.key));
    const missing = server.credentials.filter((requirement) => requirement.required && !stored.has(requirement.key)).map((requirement) => requirement.key);
    const values: Record<string, string> = {};
    for (const record of records.filter((candidate) => candidate.kind !== 'file')) {
      const plaintext = await this.vault.open(record, request);
      values[record.key] = plaintext.toString('utf8');
      plaintext.fill(0);
      const requirement = server.credentials.find((candidate) => candidate.key === record.key);
      const problem = requirement && formatProblem(requirement, values[record.key]);
      if (problem) return { status: 'invalid', reason: problem };
    }
    if (missing.length > 0) return { status: 'unverified', reason: `not checked: still missing ${missing.join(', ')}` };
    const files: MaterializedFiles = await this.vault.materialize(records.filter((record) => record.kind === 'file'), request);
    try {
      const secretKeys = new Set(server.credentials.filter((requirement) => requirement.secret && requirement.format !== 'file').map((requirement) => requirement.key));
      const result: LiveCheckResult = await this.live.check(server, { ...values, ...files.env }, secretKeys, this.config.get(CredentialsEnv).CREDENTIAL_VALIDATION_TIMEOUT_MS);
      return result;
    } finally {
      await files.dispose();
    }
  }
}
