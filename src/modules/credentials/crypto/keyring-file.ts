import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keyring, KeyringError, MASTER_KEY_BYTES, MasterKey, nextKeyVersion } from './keyring';

interface KeyFileEntry {
  version: string;
  key: string;
  created_at: string;
}

/** Where embedded mode keeps its generated master keys. */
export function keyFilePath(dataDir: string): string {
  return join(dataDir, 'keys', 'encryption-keys.json');
}

export function readKeyFile(path: string): Keyring {
  let entries: KeyFileEntry[];
  try {
    entries = (JSON.parse(readFileSync(path, 'utf8')) as { keys: KeyFileEntry[] }).keys;
  } catch {
    throw new KeyringError(`The key file ${path} cannot be read as JSON`);
  }
  if (!Array.isArray(entries)) throw new KeyringError(`The key file ${path} has no "keys" list`);
  return new Keyring(entries.map((entry): MasterKey => ({ version: String(entry.version), key: Buffer.from(String(entry.key), 'base64') })));
}

/** Writes atomically (temp file + rename) so a crash never leaves a half-written keyring. */
function writeKeyFile(path: string, keys: readonly MasterKey[], createdAt: Map<string, string>): void {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const body = { keys: keys.map((k) => ({ version: k.version, key: k.key.toString('base64'), created_at: createdAt.get(k.version) ?? new Date().toISOString() })) };
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

function createdAtOf(path: string): Map<string, string> {
  if (!existsSync(path)) return new Map();
  const entries = (JSON.parse(readFileSync(path, 'utf8')) as { keys: KeyFileEntry[] }).keys;
  return new Map(entries.map((entry) => [entry.version, entry.created_at]));
}

/** Reads the key file, creating it with one fresh key on first start. */
export function loadOrCreateKeyFile(path: string): { keyring: Keyring; created: boolean } {
  if (existsSync(path)) return { keyring: readKeyFile(path), created: false };
  const keyring = new Keyring([{ version: 'v1', key: randomBytes(MASTER_KEY_BYTES) }]);
  writeKeyFile(path, keyring.keys, new Map());
  return { keyring, created: true };
}

/** Adds a fresh key in front of the existing ones and returns the new keyring. */
export function addKeyToFile(path: string): Keyring {
  const existing = readKeyFile(path);
  const added: MasterKey = { version: nextKeyVersion(existing.versions), key: randomBytes(MASTER_KEY_BYTES) };
  const keyring = new Keyring([added, ...existing.keys]);
  writeKeyFile(path, keyring.keys, createdAtOf(path));
  return keyring;
}
