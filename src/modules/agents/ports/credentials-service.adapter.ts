import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../common/auth/principal';
import { CredentialsService } from '../../credentials/credentials.service';
import { CredentialFileInput, CredentialsPort, MissingCredentials, StoredItemResult } from './credentials.port';

/** The credentials port over the credentials module's CredentialsService. */
@Injectable()
export class CredentialsServiceAdapter extends CredentialsPort {
  constructor(private readonly credentials: CredentialsService) {
    super();
  }

  missingFor(ownerId: string, serverIds: string[]): Promise<MissingCredentials> {
    return this.credentials.missingFor(ownerId, serverIds);
  }

  async storeMany(principal: Principal, byServer: Record<string, Record<string, string>>, files: CredentialFileInput[]): Promise<StoredItemResult[]> {
    // Files name their server through the pool the service resolves them against.
    const serverIds = [...new Set([...Object.keys(byServer), ...files.flatMap((f) => (f.server ? [f.server] : []))])];
    const result = await this.credentials.storeMany(
      principal,
      byServer,
      files.map((f) => ({ filename: f.filename, content: f.content, type: f.type, key: f.key })),
      { serverIds },
    );
    return [
      ...result.stored.map((s) => ({ mcp_server: s.mcp_server, credential_key: s.credential_key, ok: true })),
      ...result.invalid.map((r) => ({ mcp_server: r.mcp_server ?? '', credential_key: r.credential_key ?? '', ok: false, reason: r.reason })),
    ];
  }
}
