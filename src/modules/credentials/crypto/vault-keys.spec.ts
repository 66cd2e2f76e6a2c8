import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addKeyToFile, keyFilePath, readKeyFile } from './keyring-file';
import { KeyringError } from './keyring';
import { resolveKeyring } from './vault-keys';

describe('resolveKeyring', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vault-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a key file (0600 in a 0700 directory) on first start in embedded mode and reuses it', () => {
    const first = resolveKeyring({ dataDir: dir, databaseMode: 'embedded' });
    expect(first).toMatchObject({ source: 'file', created: true });
    const path = keyFilePath(dir);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    const second = resolveKeyring({ dataDir: dir, databaseMode: 'embedded' });
    expect(second.created).toBe(false);
    expect(second.keyring.current.key.equals(first.keyring.current.key)).toBe(true);
  });

  it('adds rotated keys in front of the old ones, keeping them', () => {
    const { keyring } = resolveKeyring({ dataDir: dir, databaseMode: 'embedded' });
    const rotated = addKeyToFile(keyFilePath(dir));
    expect(rotated.versions).toEqual(['v2', 'v1']);
    expect(readKeyFile(keyFilePath(dir)).get('v1').key.equals(keyring.current.key)).toBe(true);
    expect(statSync(keyFilePath(dir)).mode & 0o777).toBe(0o600);
  });

  it('prefers ENCRYPTION_KEYS in any mode and never writes a file then', () => {
    const key = randomBytes(32).toString('base64');
    expect(resolveKeyring({ encryptionKeys: `v3:${key}`, dataDir: dir, databaseMode: 'postgres' })).toMatchObject({ source: 'env' });
    expect(() => readFileSync(keyFilePath(dir))).toThrow();
  });

  it('refuses PostgreSQL without ENCRYPTION_KEYS rather than generating a key on one host', () => {
    expect(() => resolveKeyring({ dataDir: dir, databaseMode: 'postgres' })).toThrow(KeyringError);
    expect(() => resolveKeyring({ dataDir: dir, databaseMode: 'postgres' })).toThrow(/ENCRYPTION_KEYS must be set/);
  });

  it('uses a throw-away key for in-memory data directories', () => {
    const a = resolveKeyring({ dataDir: 'memory://x', databaseMode: 'postgres' });
    const b = resolveKeyring({ dataDir: 'memory://x', databaseMode: 'embedded' });
    expect(a.source).toBe('ephemeral');
    expect(a.keyring.current.key.equals(b.keyring.current.key)).toBe(false);
  });
});
