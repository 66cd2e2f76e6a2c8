import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { CredentialsEnv } from '../../config/env';
import type { Principal } from '../../common/auth/principal';
import type { CredentialRequirement } from '../mcp-catalog/catalog.types';
import { decodedBase64Size, inspectCredentialFile, isBase64, sanitizeFileName } from './credential-file-inspector';
import { formatProblem } from './credential-format';
import { CredentialRequirementsSource } from './credential-requirements.source';
import { CredentialStatusView, CredentialStore, toStatusView } from './credential-store';
import { CredentialError, credentialErrors } from './credentials.errors';

/** A file as `POST /api/chat` carries it. */
export interface ChatCredentialFile {
  filename: string;
  content: string;
  type?: 'credential' | 'config' | 'other';
  key?: string;
  /** The catalog server the file is for; when omitted, it is looked up among `serverIds`. */
  server?: string;
}

export interface RejectedCredential {
  mcp_server: string | null;
  credential_key: string | null;
  /** Why it was refused; built from the catalog and the checks, never from the value. */
  reason: string;
}

export interface StoreManyResult {
  stored: CredentialStatusView[];
  invalid: RejectedCredential[];
}

export interface StoreManyOptions {
  /** The session's selected servers: lets a message name a server by its display name, and files omit the server. */
  serverIds?: string[];
  expiresInDays?: number;
}

/** Credentials and files handed over in a chat message: each checked and stored on its own. */
@Injectable()
export class CredentialIntakeService {
  constructor(
    private readonly config: AppConfig,
    private readonly source: CredentialRequirementsSource,
    private readonly store: CredentialStore,
  ) {}

  async storeMany(principal: Principal, credentials: Record<string, Record<string, string>>, files: ChatCredentialFile[], options: StoreManyOptions = {}): Promise<StoreManyResult> {
    const result: StoreManyResult = { stored: [], invalid: [] };
    const maxFiles = this.config.get(CredentialsEnv).CREDENTIAL_FILE_MAX_COUNT;
    if (files.length > maxFiles) throw credentialErrors.tooManyFiles(maxFiles);
    for (const [serverRef, values] of Object.entries(credentials ?? {})) {
      const serverId = await this.resolveServer(serverRef, options.serverIds ?? []);
      if (typeof values !== 'object' || values === null || Array.isArray(values)) {
        result.invalid.push({ mcp_server: serverId ?? serverRef, credential_key: null, reason: 'credentials must map each key to its value' });
        continue;
      }
      for (const [key, value] of Object.entries(values)) {
        if (!serverId) {
          result.invalid.push({ mcp_server: serverRef, credential_key: key, reason: 'no catalog server has this id or name' });
          continue;
        }
        await this.storeOne(principal, serverId, key, value, options, result);
      }
    }
    for (const file of files) await this.storeChatFile(principal, file, options, result);
    return result;
  }

  /** Checks a file's bytes (already size-limited by the caller) and stores it. */
  async storeFile(principal: Principal, requirement: CredentialRequirement, fileName: string | undefined, bytes: Buffer, expiresInDays?: number): Promise<CredentialStatusView> {
    if (requirement.format !== 'file') throw credentialErrors.wrongKind(requirement.serverId, requirement.key, 'value');
    const max = this.config.get(CredentialsEnv).CREDENTIAL_FILE_MAX_BYTES;
    if (bytes.length > max) throw credentialErrors.fileTooLarge(max);
    const check = inspectCredentialFile(bytes, requirement);
    if (!check.ok) throw credentialErrors.fileRejected(check.reason);
    const record = await this.store.store(principal, requirement, bytes, { expiresInDays, fileName: sanitizeFileName(fileName), fileType: check.fileType });
    return toStatusView(record);
  }

  private async storeOne(principal: Principal, serverId: string, key: string, value: unknown, options: StoreManyOptions, result: StoreManyResult): Promise<void> {
    const requirement = (await this.store.requirementsFor(serverId)).find((candidate) => candidate.key === key);
    const reject = (reason: string) => result.invalid.push({ mcp_server: serverId, credential_key: key, reason });
    if (!requirement) return void reject('this server does not declare that credential');
    if (requirement.format === 'file') return void reject('this credential is a file: send it in `files` with this key');
    if (typeof value !== 'string') return void reject('the value must be a string');
    const problem = formatProblem(requirement, value);
    if (problem) return void reject(problem);
    const record = await this.store.store(principal, requirement, Buffer.from(value, 'utf8'), { expiresInDays: options.expiresInDays });
    result.stored.push(toStatusView(record));
  }

  private async storeChatFile(principal: Principal, file: ChatCredentialFile, options: StoreManyOptions, result: StoreManyResult): Promise<void> {
    const name = sanitizeFileName(file.filename);
    const requirement = await this.fileRequirement(file.key, file.server ? [file.server] : (options.serverIds ?? []));
    if (!requirement) {
      result.invalid.push({ mcp_server: null, credential_key: file.key ?? null, reason: `${name}: no selected server declares a file credential ${file.key ? 'with this key' : '(give its key)'}` });
      return;
    }
    const max = this.config.get(CredentialsEnv).CREDENTIAL_FILE_MAX_BYTES;
    const reject = (reason: string) => result.invalid.push({ mcp_server: requirement.serverId, credential_key: requirement.key, reason: `${name}: ${reason}` });
    if (typeof file.content !== 'string' || !isBase64(file.content)) return void reject('the content is not base64');
    // Measured from the encoded length: an oversized upload is refused before it is decoded.
    if (decodedBase64Size(file.content) > max) return void reject(`the file is larger than ${max} bytes`);
    try {
      result.stored.push(await this.storeFile(principal, requirement, name, Buffer.from(file.content, 'base64'), options.expiresInDays));
    } catch (error) {
      if (!(error instanceof CredentialError)) throw error;
      reject(error.message);
    }
  }

  private async fileRequirement(key: string | undefined, serverIds: string[]): Promise<CredentialRequirement | undefined> {
    const all = [...(await this.source.getCredentialRequirements(serverIds)).values()].flat().filter((requirement) => requirement.format === 'file');
    if (key) return all.find((requirement) => requirement.key === key);
    return all.length === 1 ? all[0] : undefined;
  }

  /** A catalog id as given, or the display name (case-insensitive) of one of the session's servers. */
  private async resolveServer(ref: string, serverIds: string[]): Promise<string | undefined> {
    if ((await this.source.getCredentialRequirements([ref])).has(ref)) return ref;
    const wanted = ref.trim().toLowerCase();
    for (const id of serverIds) {
      const server = await this.source.getServer(id).catch(() => undefined);
      if (server && server.name.toLowerCase() === wanted) return id;
    }
    return undefined;
  }
}
