import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config';
import { CredentialsEnv, DatabaseEnv } from '../../../config/env';
import { CredentialsRepository } from '../credentials.repository';
import { CredentialCipher } from './credential-cipher';
import { keyFilePath, loadOrCreateKeyFile } from './keyring-file';
import { Keyring, KeyringError, parseKeyringSpec } from './keyring';

export type KeySource = 'env' | 'file' | 'ephemeral';

export interface KeyringSettings {
  encryptionKeys?: string;
  dataDir: string;
  databaseMode: 'embedded' | 'postgres';
}

/**
 * Where the master keys come from:
 * 1. ENCRYPTION_KEYS, when set (any database mode; the production setting);
 * 2. an in-memory DATA_DIR (`memory://`, tests): a random key that dies with the process;
 * 3. PostgreSQL without ENCRYPTION_KEYS: refused, because a key generated on one host's disk would
 *    make a shared database unreadable from every other host;
 * 4. embedded mode: `${DATA_DIR}/keys/encryption-keys.json`, generated (0600, directory 0700) on first start.
 */
export function resolveKeyring(settings: KeyringSettings): { keyring: Keyring; source: KeySource; path?: string; created?: boolean } {
  if (settings.encryptionKeys) return { keyring: parseKeyringSpec(settings.encryptionKeys), source: 'env' };
  if (settings.dataDir.startsWith('memory://')) return { keyring: Keyring.ephemeral(), source: 'ephemeral' };
  if (settings.databaseMode === 'postgres') {
    throw new KeyringError('ENCRYPTION_KEYS must be set when DATABASE_URL is used: generate a key with `openssl rand -base64 32` and set ENCRYPTION_KEYS=v1:<key>');
  }
  const path = keyFilePath(settings.dataDir);
  const { keyring, created } = loadOrCreateKeyFile(path);
  return { keyring, source: 'file', path, created };
}

/** The vault's master keys, loaded at start; start-up fails if a stored record names a missing version. */
@Injectable()
export class VaultKeys implements OnModuleInit {
  private readonly logger = new Logger(VaultKeys.name);
  private loaded?: Keyring;
  source: KeySource = 'ephemeral';
  path?: string;

  constructor(
    private readonly config: AppConfig,
    private readonly repository: CredentialsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    const resolved = resolveKeyring({
      encryptionKeys: this.config.get(CredentialsEnv).ENCRYPTION_KEYS,
      dataDir: this.config.get(DatabaseEnv).DATA_DIR,
      databaseMode: this.repository.databaseMode(),
    });
    this.loaded = resolved.keyring;
    this.source = resolved.source;
    this.path = resolved.path;
    if (resolved.created) this.logger.log(`Generated a new master encryption key at ${resolved.path}`);
    await this.assertEveryRecordOpenable();
    this.logger.log(`Credential master keys from ${resolved.source}: versions ${resolved.keyring.versions.join(', ')}`);
  }

  keyring(): Keyring {
    if (!this.loaded) throw new KeyringError('The master keys are not loaded yet');
    return this.loaded;
  }

  /** Swaps in a larger keyring (rotation adds a version while the process runs). */
  replace(keyring: Keyring): void {
    this.loaded = keyring;
  }

  async assertEveryRecordOpenable(): Promise<void> {
    const keyring = this.keyring();
    const missing = (await this.repository.keyVersionsInUse()).filter((version) => !keyring.has(version));
    if (missing.length > 0) {
      throw new KeyringError(
        `Stored credentials use encryption key version(s) ${missing.join(', ')} that no configured key has (configured: ${keyring.versions.join(', ')}); add the missing key(s) to ENCRYPTION_KEYS or restore the key file`,
      );
    }
    await this.assertKeysOpenStoredRecords(keyring);
  }

  /**
   * A version label that matches but holds a different key (a regenerated key file, a mistyped
   * ENCRYPTION_KEYS) would only show up at the first decrypt; a few records per version are tried
   * now. One corrupt record must not stop the service, so only a version none of whose sampled
   * records (two at least) opens is refused.
   */
  private async assertKeysOpenStoredRecords(keyring: Keyring): Promise<void> {
    const cipher = new CredentialCipher(() => keyring);
    const wrong: string[] = [];
    for (const version of await this.repository.keyVersionsInUse()) {
      const sample = await this.repository.sampleForKeyVersion(version, 3);
      if (sample.some((record) => cipher.opensDataKey(record, record))) continue;
      // Two or more records all failing means the key, not the records; a lone failing record may just be corrupt.
      if (sample.length >= 2) wrong.push(version);
      else this.logger.warn(`The only credential wrapped under ${version} does not open; it will be refused when used`);
    }
    if (wrong.length > 0) {
      throw new KeyringError(`The configured encryption key(s) ${wrong.join(', ')} do not open the stored credentials wrapped under them: the key material differs from the one used to store them`);
    }
  }
}
