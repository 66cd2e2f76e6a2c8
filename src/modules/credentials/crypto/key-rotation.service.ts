import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { CredentialsRepository } from '../credentials.repository';
import { CredentialCipher, CredentialDecryptionError } from './credential-cipher';
import { addKeyToFile } from './keyring-file';
import { Keyring, MASTER_KEY_BYTES, nextKeyVersion } from './keyring';
import { KeySource, VaultKeys } from './vault-keys';

export interface KeyStatus {
  source: KeySource;
  path?: string;
  current: string;
  versions: string[];
  /** Records per key version; anything not on `current` waits for a re-wrap. */
  records: Record<string, number>;
}

export interface RotationResult {
  /** The version added by this run (none when it resumed an unfinished rotation or keys come from the environment). */
  added?: string;
  current: string;
  rewrapped: number;
  /** Records that failed authentication and stay on their old key version. */
  unreadable: number;
  /** For the operator, e.g. how to add a key in environment mode. */
  notes: string[];
}

export interface RewrapOptions {
  batchSize?: number;
}

/**
 * Master key rotation. Only data keys are re-wrapped (the values' ciphertexts never change), in
 * small batches each committed on its own, selecting "records not on the newest version": a run
 * killed half-way leaves every record readable under the version it names, and the next run picks up
 * exactly what is left.
 */
@Injectable()
export class KeyRotationService {
  private readonly logger = new Logger(KeyRotationService.name);

  constructor(
    private readonly repository: CredentialsRepository,
    private readonly cipher: CredentialCipher,
    private readonly keys: VaultKeys,
  ) {}

  async status(): Promise<KeyStatus> {
    const keyring = this.keys.keyring();
    return { source: this.keys.source, path: this.keys.path, current: keyring.current.version, versions: keyring.versions, records: await this.repository.countByKeyVersion() };
  }

  async rotate(options: RewrapOptions = {}): Promise<RotationResult> {
    const notes: string[] = [];
    let added: string | undefined;
    const pending = await this.pendingCount();
    if (pending > 0) {
      notes.push(`Resuming an unfinished rotation: ${pending} record(s) are not yet on ${this.keys.keyring().current.version}`);
    } else if (this.keys.source === 'env') {
      notes.push('Every record is on the newest key. To rotate: prepend a new key to ENCRYPTION_KEYS (e.g. v' + (this.keys.keyring().versions.length + 1) + ':$(openssl rand -base64 32)), keep the old ones, restart, and run `keys rotate` again to re-wrap.');
    } else {
      added = this.addKey();
      notes.push(`Added key ${added}${this.keys.path ? ` to ${this.keys.path}` : ' (in memory)'}`);
    }
    const { rewrapped, unreadable } = await this.rewrapAll(options);
    if (unreadable.length > 0) {
      notes.push(`${unreadable.length} credential(s) failed authentication and were left on their old key (ids: ${unreadable.join(', ')}); delete them and ask their owners to store them again`);
    }
    return { added, current: this.keys.keyring().current.version, rewrapped, unreadable: unreadable.length, notes };
  }

  /**
   * Re-wraps every data key not under the newest master key. A record that fails authentication is
   * left untouched (it stays on its version and keeps that key needed) and counted, not fatal: one
   * corrupt row must not block rotating the rest.
   */
  async rewrapAll(options: RewrapOptions = {}): Promise<{ rewrapped: number; unreadable: string[] }> {
    const batchSize = options.batchSize ?? 100;
    const target = this.keys.keyring().current.version;
    const unreadable: string[] = [];
    let rewrapped = 0;
    let cursor: string | undefined;
    for (;;) {
      const batch = await this.repository.findNotOnKeyVersion(target, cursor, batchSize);
      if (batch.length === 0) break;
      cursor = batch[batch.length - 1].id;
      const updates = batch.flatMap((record) => {
        try {
          return [{ id: record.id, fromVersion: record.keyVersion, ...this.cipher.rewrap(record, { ownerId: record.ownerId, serverId: record.serverId, key: record.key }) }];
        } catch (error) {
          if (!(error instanceof CredentialDecryptionError)) throw error;
          unreadable.push(record.id);
          return [];
        }
      });
      rewrapped += await this.repository.saveRewrapped(updates);
      this.logger.log(`Re-wrapped ${rewrapped} data key(s) under ${target}`);
    }
    return { rewrapped, unreadable };
  }

  private async pendingCount(): Promise<number> {
    const current = this.keys.keyring().current.version;
    return Object.entries(await this.repository.countByKeyVersion()).reduce((sum, [version, count]) => (version === current ? sum : sum + count), 0);
  }

  private addKey(): string {
    if (this.keys.source === 'file' && this.keys.path) {
      this.keys.replace(addKeyToFile(this.keys.path));
    } else {
      const existing = this.keys.keyring();
      this.keys.replace(new Keyring([{ version: nextKeyVersion(existing.versions), key: randomBytes(MASTER_KEY_BYTES) }, ...existing.keys]));
    }
    return this.keys.keyring().current.version;
  }
}
