import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../common/auth/principal';
import type { CredentialRequirement } from '../../mcp-catalog/catalog.types';
import { CatalogPort } from './catalog.port';
import { CredentialFileInput, CredentialsPort, MissingCredentials, StoredItemResult } from './credentials.port';

/**
 * A stand-in credentials port for unit tests: remembers which credentials an owner supplied
 * (presence only: the value is checked against the catalog's format and dropped, never kept).
 */
@Injectable()
export class InMemoryCredentialsFallback extends CredentialsPort {
  private readonly present = new Set<string>();

  constructor(private readonly catalog: CatalogPort) {
    super();
  }

  async missingFor(ownerId: string, serverIds: string[]): Promise<MissingCredentials> {
    const report: MissingCredentials = { required_credentials: [], required_files: [], optional: [] };
    for (const server of await this.catalog.getServers(serverIds)) {
      for (const req of server.credentials) {
        if (this.present.has(slot(ownerId, server.id, req.key))) continue;
        if (!req.required) report.optional.push({ mcp_server: server.id, credential_key: req.key, description: req.description });
        else if (req.format === 'file') report.required_files.push({ key: req.key, description: req.description, file_type: req.fileType ?? 'json', mcp_server: server.id });
        else report.required_credentials.push({ mcp_server: server.id, credential_key: req.key, description: req.description, instructions: req.steps });
      }
    }
    return report;
  }

  async storeMany(principal: Principal, byServer: Record<string, Record<string, string>>, files: CredentialFileInput[]): Promise<StoredItemResult[]> {
    const results: StoredItemResult[] = [];
    for (const [serverId, values] of Object.entries(byServer)) {
      const server = await this.catalog.getServer(serverId);
      for (const [key, value] of Object.entries(values)) {
        const reason = checkValue(server?.credentials.find((c) => c.key === key), value);
        if (!reason) this.present.add(slot(principal.ownerId, serverId, key));
        results.push({ mcp_server: serverId, credential_key: key, ok: !reason, reason });
      }
    }
    for (const file of files) results.push(await this.storeFile(principal.ownerId, file));
    return results;
  }

  private async storeFile(ownerId: string, file: CredentialFileInput): Promise<StoredItemResult> {
    const serverId = file.server ?? '';
    const key = file.key ?? '';
    const server = await this.catalog.getServer(serverId);
    const req = server?.credentials.find((c) => c.key === key && c.format === 'file');
    if (!req) return { mcp_server: serverId, credential_key: key, ok: false, reason: 'no file credential with this key for this server' };
    const text = Buffer.from(file.content, 'base64').toString('utf8');
    if (req.fileType === 'json' && !isJson(text)) return { mcp_server: serverId, credential_key: key, ok: false, reason: 'the file is not valid JSON' };
    this.present.add(slot(ownerId, serverId, key));
    return { mcp_server: serverId, credential_key: key, ok: true };
  }
}

function slot(ownerId: string, serverId: string, key: string): string {
  return JSON.stringify([ownerId, serverId, key]);
}

function checkValue(req: CredentialRequirement | undefined, value: string): string | undefined {
  if (!req) return 'the server does not use this credential';
  if (!value.trim()) return 'the value is empty';
  if (req.pattern && !new RegExp(req.pattern).test(value)) return req.patternHint ?? 'the value does not have the expected format';
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
