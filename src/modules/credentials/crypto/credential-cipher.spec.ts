import { randomBytes } from 'node:crypto';
import { CredentialBinding, CredentialCipher, CredentialDecryptionError, SealedSecret } from './credential-cipher';
import { Keyring, MASTER_KEY_BYTES, parseKeyringSpec } from './keyring';

const binding: CredentialBinding = { ownerId: 'user-1', serverId: 'github.com/github/github-mcp-server', key: 'GITHUB_PERSONAL_ACCESS_TOKEN' };
const secret = Buffer.from('ghp_canaryABCDEFGHIJKLMNOPQRSTUVWXYZ0123', 'utf8');

function flipBit(buffer: Buffer, index: number): Buffer {
  const copy = Buffer.from(buffer);
  copy[index] ^= 0x01;
  return copy;
}

describe('CredentialCipher', () => {
  const keyring = Keyring.ephemeral('v1');
  const cipher = new CredentialCipher(() => keyring);
  let sealed: SealedSecret;
  beforeEach(() => {
    sealed = cipher.encrypt(secret, binding);
  });

  it('round-trips and never stores the plaintext in any field', () => {
    expect(cipher.decrypt(sealed, binding).equals(secret)).toBe(true);
    expect(sealed.nonce).toHaveLength(12);
    expect(sealed.authTag).toHaveLength(16);
    expect(sealed.wrappedDataKey).toHaveLength(60);
    expect(sealed.keyVersion).toBe('v1');
    for (const field of [sealed.ciphertext, sealed.nonce, sealed.authTag, sealed.wrappedDataKey]) expect(field.includes(secret)).toBe(false);
  });

  const tampered: Array<[string, (s: SealedSecret) => SealedSecret]> = [
    ['a flipped bit in the ciphertext', (s) => ({ ...s, ciphertext: flipBit(s.ciphertext, 3) })],
    ['a flipped bit in the tag', (s) => ({ ...s, authTag: flipBit(s.authTag, 15) })],
    ['a flipped bit in the nonce', (s) => ({ ...s, nonce: flipBit(s.nonce, 0) })],
    ['a flipped bit in the wrapped data key', (s) => ({ ...s, wrappedDataKey: flipBit(s.wrappedDataKey, 40) })],
    ['a flipped bit in the wrap tag', (s) => ({ ...s, wrappedDataKey: flipBit(s.wrappedDataKey, 14) })],
    ['a truncated tag', (s) => ({ ...s, authTag: s.authTag.subarray(0, 12) })],
    ['a 4-byte tag', (s) => ({ ...s, authTag: s.authTag.subarray(0, 4) })],
    ['a truncated wrapped key', (s) => ({ ...s, wrappedDataKey: s.wrappedDataKey.subarray(0, 59) })],
    ['an unknown key version', (s) => ({ ...s, keyVersion: 'v9' })],
  ];
  it.each(tampered)('refuses %s', (_name, mutate) => {
    expect(() => cipher.decrypt(mutate(sealed), binding)).toThrow(CredentialDecryptionError);
  });

  it.each([
    ['another owner', { ...binding, ownerId: 'user-2' }],
    ['another server', { ...binding, serverId: 'github.com/other/server' }],
    ['another key', { ...binding, key: 'SLACK_BOT_TOKEN' }],
    ['a shifted boundary between server and key', { ...binding, serverId: `${binding.serverId}/G`, key: binding.key.slice(1) }],
  ])('refuses a ciphertext moved to %s', (_name, other) => {
    expect(() => cipher.decrypt(sealed, other)).toThrow(CredentialDecryptionError);
  });

  it('refuses a record labelled with another configured key version', () => {
    const two = new Keyring([{ version: 'v2', key: randomBytes(MASTER_KEY_BYTES) }, ...keyring.keys]);
    const twoCipher = new CredentialCipher(() => two);
    expect(twoCipher.decrypt(sealed, binding).equals(secret)).toBe(true);
    expect(() => twoCipher.decrypt({ ...sealed, keyVersion: 'v2' }, binding)).toThrow(CredentialDecryptionError);
  });

  it('re-wraps the data key under the newest key without touching the value', () => {
    const two = new Keyring([{ version: 'v2', key: randomBytes(MASTER_KEY_BYTES) }, ...keyring.keys]);
    const twoCipher = new CredentialCipher(() => two);
    const rewrapped = { ...sealed, ...twoCipher.rewrap(sealed, binding) };
    expect(rewrapped.keyVersion).toBe('v2');
    expect(rewrapped.ciphertext.equals(sealed.ciphertext)).toBe(true);
    expect(twoCipher.decrypt(rewrapped, binding).equals(secret)).toBe(true);
    const onlyNew = new CredentialCipher(() => new Keyring([two.get('v2')]));
    expect(onlyNew.decrypt(rewrapped, binding).equals(secret)).toBe(true);
    expect(() => onlyNew.decrypt(sealed, binding)).toThrow(CredentialDecryptionError);
  });

  it('property: 2,000 encryptions of random values all round-trip exactly with distinct nonces', () => {
    const nonces = new Set<string>();
    const wrapNonces = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const value = randomBytes(i % 97);
      const b = { ownerId: `o${i % 7}`, serverId: `s/${i % 5}`, key: `K${i % 3}` };
      const s = cipher.encrypt(value, b);
      nonces.add(s.nonce.toString('hex'));
      wrapNonces.add(s.wrappedDataKey.subarray(0, 12).toString('hex'));
      expect(cipher.decrypt(s, b).equals(value)).toBe(true);
    }
    expect(nonces.size).toBe(2000);
    expect(wrapNonces.size).toBe(2000);
  });
});

describe('parseKeyringSpec', () => {
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');

  it('reads versions newest first', () => {
    const keyring = parseKeyringSpec(`v2:${k2}, v1:${k1}`);
    expect(keyring.current.version).toBe('v2');
    expect(keyring.versions).toEqual(['v2', 'v1']);
  });

  it.each([
    ['a short key', `v1:${randomBytes(16).toString('base64')}`],
    ['a duplicate version', `v1:${k1},v1:${k2}`],
    ['an entry without version', k1],
  ])('rejects %s without echoing key material', (_name, spec) => {
    let message = '';
    try {
      parseKeyringSpec(spec);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toBe('');
    expect(message).not.toContain(k1);
    expect(message).not.toContain(k2);
  });
});
