import { randomBytes } from 'node:crypto';

export const MASTER_KEY_BYTES = 32;

export interface MasterKey {
  version: string;
  key: Buffer;
}

/** Raised when the configured keys are unusable; the message never contains key material. */
export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

/**
 * The master keys (KEKs), newest first. The newest wraps new data keys; older ones stay only to
 * unwrap records not yet re-wrapped by `keys rotate`.
 */
export class Keyring {
  private readonly byVersion: Map<string, MasterKey>;

  constructor(readonly keys: readonly MasterKey[]) {
    if (keys.length === 0) throw new KeyringError('The keyring is empty');
    this.byVersion = new Map();
    for (const entry of keys) {
      if (entry.key.length !== MASTER_KEY_BYTES) {
        throw new KeyringError(`Encryption key ${entry.version} must be ${MASTER_KEY_BYTES} bytes, got ${entry.key.length}`);
      }
      if (this.byVersion.has(entry.version)) throw new KeyringError(`Encryption key version ${entry.version} appears twice`);
      this.byVersion.set(entry.version, entry);
    }
  }

  get current(): MasterKey {
    return this.keys[0];
  }

  get versions(): string[] {
    return this.keys.map((entry) => entry.version);
  }

  has(version: string): boolean {
    return this.byVersion.has(version);
  }

  get(version: string): MasterKey {
    const entry = this.byVersion.get(version);
    if (!entry) throw new KeyringError(`No configured encryption key has version ${version}`);
    return entry;
  }

  /** One random key, for tests and in-memory data directories. */
  static ephemeral(version = 'v1'): Keyring {
    return new Keyring([{ version, key: randomBytes(MASTER_KEY_BYTES) }]);
  }
}

/** Parses `v2:<base64>,v1:<base64>` (newest first). */
export function parseKeyringSpec(spec: string): Keyring {
  const keys = spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): MasterKey => {
      const colon = part.indexOf(':');
      if (colon <= 0) throw new KeyringError('ENCRYPTION_KEYS entries must look like <version>:<base64 key>');
      const version = part.slice(0, colon);
      return { version, key: Buffer.from(part.slice(colon + 1), 'base64') };
    });
  return new Keyring(keys);
}

/** The next version label after the existing ones: v1, v2, ... */
export function nextKeyVersion(existing: readonly string[]): string {
  const numbers = existing.map((version) => /^v(\d+)$/.exec(version)).map((match) => (match ? Number(match[1]) : 0));
  return `v${Math.max(0, ...numbers) + 1}`;
}
