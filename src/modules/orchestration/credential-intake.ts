import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { CatalogPort } from '../agents/ports/catalog.port';
import { CredentialFileInput, CredentialsPort, StoredItemResult } from '../agents/ports/credentials.port';
import type { ChatRequestDto } from '../chat/chat.dto';
import { Plan } from './plan.types';

/**
 * Stores the credentials and files a chat message carries, resolving "server id or name" to the
 * catalog id first. Values go straight to the credentials module; only names and outcomes come back.
 */
@Injectable()
export class CredentialIntake {
  constructor(
    private readonly catalog: CatalogPort,
    private readonly credentials: CredentialsPort,
  ) {}

  async store(principal: Principal, request: ChatRequestDto, plan: Plan | undefined): Promise<StoredItemResult[]> {
    const refused: StoredItemResult[] = [];
    const byServer: Record<string, Record<string, string>> = {};
    for (const [given, values] of Object.entries(request.credentials ?? {})) {
      const id = await this.resolve(given, plan);
      if (id) byServer[id] = { ...(byServer[id] ?? {}), ...values };
      else refused.push(...Object.keys(values).map((key) => ({ mcp_server: given, credential_key: key, ok: false, reason: 'unknown server' })));
    }
    const files: CredentialFileInput[] = [];
    for (const file of request.files ?? []) {
      const server = file.mcp_server ? await this.resolve(file.mcp_server, plan) : await this.serverNeeding(file.key, plan);
      if (server && file.key) files.push({ filename: file.filename, content: file.content, type: file.type, key: file.key, server });
      else refused.push({ mcp_server: file.mcp_server ?? '', credential_key: file.key ?? file.filename, ok: false, reason: file.key ? 'no selected server needs this file' : 'the file names no credential key' });
    }
    if (Object.keys(byServer).length === 0 && files.length === 0) return refused;
    return [...refused, ...(await this.credentials.storeMany(principal, byServer, files))];
  }

  private async resolve(given: string, plan: Plan | undefined): Promise<string | undefined> {
    if (await this.catalog.getServer(given)) return given;
    const wanted = given.trim().toLowerCase();
    return plan?.selected.find((s) => s.name.toLowerCase() === wanted || s.id.toLowerCase().endsWith(`/${wanted}`))?.id;
  }

  private async serverNeeding(key: string | undefined, plan: Plan | undefined): Promise<string | undefined> {
    if (!key || !plan) return undefined;
    const servers = await this.catalog.getServers(plan.selected.map((s) => s.id));
    return servers.find((s) => s.credentials.some((c) => c.key === key))?.id;
  }
}
