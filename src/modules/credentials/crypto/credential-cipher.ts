import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Keyring } from './keyring';

const ALGORITHM = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
/** wrapped_data_key column layout: wrap nonce (12) | wrap tag (16) | encrypted data key (32). */
const WRAPPED_BYTES = NONCE_BYTES + TAG_BYTES + DATA_KEY_BYTES;

/** Who and what a ciphertext belongs to; bound into the AAD so it cannot be replayed elsewhere. */
export interface CredentialBinding {
  ownerId: string;
  serverId: string;
  key: string;
}

/** What the credentials table stores for one secret. */
export interface SealedSecret {
  ciphertext: Buffer;
  nonce: Buffer;
  authTag: Buffer;
  wrappedDataKey: Buffer;
  keyVersion: string;
}

/** A ciphertext that fails authentication: tampered, moved, truncated or under the wrong key. */
export class CredentialDecryptionError extends Error {
  constructor(message = 'The stored credential failed authentication and was not decrypted') {
    super(message);
    this.name = 'CredentialDecryptionError';
  }
}

// A JSON array is an unambiguous encoding: ("a/b","c") and ("a","b/c") give different bytes.
function valueAad(binding: CredentialBinding): Buffer {
  return Buffer.from(JSON.stringify(['dmcp.credential.value.v1', binding.ownerId, binding.serverId, binding.key]), 'utf8');
}

function wrapAad(binding: CredentialBinding, keyVersion: string): Buffer {
  return Buffer.from(JSON.stringify(['dmcp.credential.datakey.v1', binding.ownerId, binding.serverId, binding.key, keyVersion]), 'utf8');
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): { nonce: Buffer; ciphertext: Buffer; tag: Buffer } {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

function open(key: Buffer, nonce: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer {
  // Length checks first: Node accepts shorter tags unless told otherwise, which weakens GCM.
  if (nonce.length !== NONCE_BYTES || tag.length !== TAG_BYTES) throw new CredentialDecryptionError();
  try {
    const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new CredentialDecryptionError();
  }
}

/**
 * Envelope encryption: each record gets its own random data key, which encrypts the value
 * (AES-256-GCM, AAD = owner, server, key); the data key is itself encrypted under the master key of
 * `keyVersion` (AES-256-GCM, AAD = owner, server, key and key version). Rotation re-wraps only the
 * data key, so the value's AAD leaves out the key version and the wrap's AAD carries it.
 */
export class CredentialCipher {
  constructor(private readonly keyring: () => Keyring) {}

  encrypt(plaintext: Buffer, binding: CredentialBinding): SealedSecret {
    const dataKey = randomBytes(DATA_KEY_BYTES);
    try {
      const sealed = seal(dataKey, plaintext, valueAad(binding));
      const master = this.keyring().current;
      return { ciphertext: sealed.ciphertext, nonce: sealed.nonce, authTag: sealed.tag, wrappedDataKey: this.wrap(dataKey, binding, master.version), keyVersion: master.version };
    } finally {
      dataKey.fill(0);
    }
  }

  decrypt(sealed: SealedSecret, binding: CredentialBinding): Buffer {
    const dataKey = this.unwrap(sealed, binding);
    try {
      return open(dataKey, sealed.nonce, sealed.ciphertext, sealed.authTag, valueAad(binding));
    } finally {
      dataKey.fill(0);
    }
  }

  /** The same data key wrapped under the newest master key; the value's ciphertext is untouched. */
  rewrap(sealed: Pick<SealedSecret, 'wrappedDataKey' | 'keyVersion'>, binding: CredentialBinding): { wrappedDataKey: Buffer; keyVersion: string } {
    const dataKey = this.unwrap(sealed, binding);
    try {
      const master = this.keyring().current;
      return { wrappedDataKey: this.wrap(dataKey, binding, master.version), keyVersion: master.version };
    } finally {
      dataKey.fill(0);
    }
  }

  /** Whether the configured master key of the record's version opens its data key (start-up key check). */
  opensDataKey(sealed: Pick<SealedSecret, 'wrappedDataKey' | 'keyVersion'>, binding: CredentialBinding): boolean {
    try {
      this.unwrap(sealed, binding).fill(0);
      return true;
    } catch {
      return false;
    }
  }

  private wrap(dataKey: Buffer, binding: CredentialBinding, version: string): Buffer {
    const sealed = seal(this.keyring().get(version).key, dataKey, wrapAad(binding, version));
    return Buffer.concat([sealed.nonce, sealed.tag, sealed.ciphertext]);
  }

  private unwrap(sealed: Pick<SealedSecret, 'wrappedDataKey' | 'keyVersion'>, binding: CredentialBinding): Buffer {
    const keyring = this.keyring();
    if (!keyring.has(sealed.keyVersion) || sealed.wrappedDataKey.length !== WRAPPED_BYTES) throw new CredentialDecryptionError();
    const packed = sealed.wrappedDataKey;
    const nonce = packed.subarray(0, NONCE_BYTES);
    const tag = packed.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES);
    const body = packed.subarray(NONCE_BYTES + TAG_BYTES);
    return open(keyring.get(sealed.keyVersion).key, nonce, body, tag, wrapAad(binding, sealed.keyVersion));
  }
}
