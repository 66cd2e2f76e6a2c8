import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialCipher, CredentialDecryptionError } from './crypto/credential-cipher';
import { CredentialRecord } from './credential.types';
import { credentialErrors } from './credentials.errors';
import { CredentialsRepository } from './credentials.repository';
import { sanitizeFileName } from './credential-file-inspector';

export interface DecryptRequest {
  actorId: string;
  /** Why the plaintext is needed: `agent:<id>`, `run:<id>`, `validation:<id>`; stored in the audit row. */
  purpose: string;
}

export interface MaterializedFiles {
  /** KEY → absolute path of the private file holding that credential. */
  env: Record<string, string>;
  /** Removes the files; call when the run ends (safe to call twice). */
  dispose(): Promise<void>;
}

/**
 * The only place plaintext is produced. Each decrypt first commits its audit row: if that write
 * fails, the exception propagates before any key is unwrapped, so no plaintext exists unaudited.
 */
@Injectable()
export class CredentialVault {
  constructor(
    private readonly repository: CredentialsRepository,
    private readonly cipher: CredentialCipher,
  ) {}

  seal(ownerId: string, serverId: string, key: string, plaintext: Buffer) {
    return this.cipher.encrypt(plaintext, { ownerId, serverId, key });
  }

  async open(record: CredentialRecord, request: DecryptRequest): Promise<Buffer> {
    if (record.expiresAt.getTime() <= Date.now()) throw credentialErrors.missing(record.serverId, [record.key]);
    const audit = { ownerId: record.ownerId, actorId: request.actorId, serverId: record.serverId, key: record.key, action: 'decrypt' as const, purpose: request.purpose };
    await this.repository.recordAudit({ ...audit, outcome: 'granted' });
    try {
      return this.cipher.decrypt(record, { ownerId: record.ownerId, serverId: record.serverId, key: record.key });
    } catch (error) {
      if (!(error instanceof CredentialDecryptionError)) throw error;
      await this.repository.recordAudit({ ...audit, outcome: 'failure', detail: 'authentication failed' });
      throw credentialErrors.unreadable(record.serverId, record.key);
    }
  }

  /** Writes file credentials to 0600 files in a fresh 0700 directory under the system temp dir. */
  async materialize(records: CredentialRecord[], request: DecryptRequest): Promise<MaterializedFiles> {
    const dir = await mkdtemp(join(tmpdir(), 'dmcp-cred-'));
    const dispose = () => rm(dir, { recursive: true, force: true });
    try {
      const env: Record<string, string> = {};
      for (const record of records) {
        const plaintext = await this.open(record, request);
        // A random prefix keeps two keys with the same uploaded file name apart.
        const path = join(dir, `${randomBytes(4).toString('hex')}-${sanitizeFileName(record.fileName ?? record.key)}`);
        await writeFile(path, plaintext, { mode: 0o600, flag: 'wx' });
        plaintext.fill(0);
        env[record.key] = path;
      }
      return { env, dispose };
    } catch (error) {
      await dispose();
      throw error;
    }
  }
}
