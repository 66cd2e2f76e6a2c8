import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { CredentialsEnv } from '../../config/env';
import type { Principal } from '../../common/auth/principal';
import type { CredentialRequirement } from '../mcp-catalog/catalog.types';
import { ChatCredentialFile, CredentialIntakeService, StoreManyOptions, StoreManyResult } from './credential-intake.service';
import { formatProblem } from './credential-format';
import { CredentialRequirementsCache } from './credential-requirements.cache';
import { CredentialStatusView, CredentialStore, effectiveStatus, toStatusView } from './credential-store';
import { CredentialValidationService, CredentialValidationView } from './credential-validation.service';
import { CredentialVault, MaterializedFiles } from './credential-vault';
import { credentialErrors } from './credentials.errors';
import { CredentialsRepository } from './credentials.repository';

export interface RequiredCredentialView {
  mcp_server: string;
  credential_key: string;
  description: string;
  instructions: string[];
}

export interface RequiredFileView {
  mcp_server: string;
  key: string;
  description: string;
  file_type: string;
}

/** What an owner still has to supply for some servers, in the chat contract's shapes. */
export interface MissingCredentials {
  required_credentials: RequiredCredentialView[];
  required_files: RequiredFileView[];
  /** Optional values and files the owner lacks; never blocking. */
  optional: Array<RequiredCredentialView & { kind: 'token' | 'setting' | 'file' }>;
}

export interface UploadedCredentialFile {
  originalname?: string;
  buffer: Buffer;
  size: number;
}

/**
 * The vault's public API: every other module goes through this service. Values come in, statuses
 * go out; plaintext leaves only through resolveForLaunch/materializeFiles, each decrypt audited.
 */
@Injectable()
export class CredentialsService {
  private readonly logger = new Logger(CredentialsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly requirements: CredentialRequirementsCache,
    private readonly repository: CredentialsRepository,
    private readonly store: CredentialStore,
    private readonly vault: CredentialVault,
    private readonly intake: CredentialIntakeService,
    private readonly validation: CredentialValidationService,
  ) {}

  async put(principal: Principal, serverId: string, key: string, input: { value: string; expires_in_days?: number }): Promise<CredentialStatusView> {
    const requirement = await this.store.requirement(serverId, key);
    if (requirement.format === 'file') throw credentialErrors.wrongKind(serverId, key, 'file');
    const problem = formatProblem(requirement, input.value);
    if (problem) throw credentialErrors.formatInvalid(serverId, key, problem);
    const record = await this.store.store(principal, requirement, Buffer.from(input.value, 'utf8'), { expiresInDays: input.expires_in_days });
    return (await this.autoValidate(principal, serverId, key)) ?? toStatusView(record);
  }

  async uploadFile(principal: Principal, input: { server: string; key: string; expires_in_days?: string }, file: UploadedCredentialFile | undefined): Promise<CredentialStatusView> {
    if (!file) throw credentialErrors.fileRejected('the multipart field `file` is missing');
    const requirement = await this.store.requirement(input.server, input.key);
    const days = input.expires_in_days ? Number.parseInt(input.expires_in_days, 10) : undefined;
    const view = await this.intake.storeFile(principal, requirement, file.originalname, file.buffer, days);
    return (await this.autoValidate(principal, input.server, input.key)) ?? view;
  }

  async list(principal: Principal): Promise<{ credentials: CredentialStatusView[] }> {
    const records = await this.repository.listOwned(principal.ownerId);
    return { credentials: records.map((record) => toStatusView(record)) };
  }

  async remove(principal: Principal, serverId: string, key: string): Promise<void> {
    const audit = { ownerId: principal.ownerId, actorId: principal.ownerId, serverId, key, outcome: 'success' as const };
    if (!(await this.repository.deleteOwned(principal.ownerId, serverId, key, audit))) throw credentialErrors.notFound(serverId, key);
  }

  validate(principal: Principal, serverId: string): Promise<CredentialValidationView> {
    return this.validation.validate(principal.ownerId, principal.ownerId, serverId);
  }

  /** Chat: stores each credential and file on its own; invalid ones come back with a reason (never the value). */
  storeMany(principal: Principal, credentials: Record<string, Record<string, string>>, files: ChatCredentialFile[] = [], options: StoreManyOptions = {}): Promise<StoreManyResult> {
    return this.intake.storeMany(principal, credentials, files, options);
  }

  /** What `ownerId` still lacks for these servers: stored, unexpired and not invalid counts as present. */
  async missingFor(ownerId: string, serverIds: string[]): Promise<MissingCredentials> {
    // Requirements come from a short-lived cache (catalog data, shared by every owner); the owner's
    // own records are read fresh on every call, lean (no ciphertext), alongside.
    const [requirements, records] = await Promise.all([this.requirements.getCredentialRequirements(serverIds), this.repository.listStatusesOwned(ownerId, serverIds)]);
    const present = new Set(records.filter((record) => ['valid', 'unverified'].includes(effectiveStatus(record))).map((record) => `${record.serverId}\u0000${record.key}`));
    const result: MissingCredentials = { required_credentials: [], required_files: [], optional: [] };
    for (const serverId of serverIds) {
      for (const requirement of requirements.get(serverId) ?? []) {
        if (present.has(`${serverId}\u0000${requirement.key}`)) continue;
        addMissing(result, { ...requirement, serverId });
      }
    }
    return result;
  }

  /**
   * The environment a launcher passes to `serverId` for `ownerId`: every stored, unexpired, not
   * invalid token and setting, decrypted (each decrypt audited with `purpose`, e.g. `run:<id>`).
   * Files are not included: use materializeFiles. Throws CREDENTIAL_MISSING when a required one is absent.
   */
  async resolveForLaunch(ownerId: string, serverId: string, purpose: string, actorId = 'system'): Promise<Record<string, string>> {
    const usable = await this.usableRecords(ownerId, serverId);
    const env: Record<string, string> = {};
    for (const record of usable.filter((candidate) => candidate.kind !== 'file')) {
      const plaintext = await this.vault.open(record, { actorId, purpose });
      env[record.key] = plaintext.toString('utf8');
      plaintext.fill(0);
    }
    return env;
  }

  /** Writes the owner's file credentials for `serverId` to private 0600 temp files; dispose() removes them. */
  async materializeFiles(ownerId: string, serverId: string, purpose: string, actorId = 'system'): Promise<MaterializedFiles> {
    const usable = await this.usableRecords(ownerId, serverId);
    return this.vault.materialize(usable.filter((record) => record.kind === 'file'), { actorId, purpose });
  }

  private async usableRecords(ownerId: string, serverId: string) {
    const requirements = await this.store.requirementsFor(serverId);
    const records = (await this.repository.listOwned(ownerId, [serverId])).filter((record) => ['valid', 'unverified'].includes(effectiveStatus(record)));
    const have = new Set(records.map((record) => record.key));
    const missing = requirements.filter((requirement) => requirement.required && !have.has(requirement.key)).map((requirement) => requirement.key);
    if (missing.length > 0) throw credentialErrors.missing(serverId, missing);
    return records;
  }

  /** With CREDENTIAL_LIVE_VALIDATION on, every store is followed by a live check of its server. */
  private async autoValidate(principal: Principal, serverId: string, key: string): Promise<CredentialStatusView | undefined> {
    if (!this.config.get(CredentialsEnv).CREDENTIAL_LIVE_VALIDATION) return undefined;
    const result = await this.validation.validate(principal.ownerId, principal.ownerId, serverId);
    this.logger.log(`Live check of ${serverId} after storing ${key}: ${result.status}`);
    return result.credentials.find((row) => row.credential_key === key);
  }
}

function addMissing(result: MissingCredentials, requirement: CredentialRequirement): void {
  const base = { mcp_server: requirement.serverId, credential_key: requirement.key, description: requirement.description, instructions: [...requirement.steps] };
  if (!requirement.required) result.optional.push({ ...base, kind: requirement.kind });
  else if (requirement.format === 'file') result.required_files.push({ mcp_server: requirement.serverId, key: requirement.key, description: requirement.description, file_type: requirement.fileType ?? 'json' });
  else result.required_credentials.push(base);
}
