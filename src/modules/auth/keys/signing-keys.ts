import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type SigningAlgorithm = 'RS256' | 'ES256';

/** One key the service signs with (the first of a list) or still verifies with (the rest). */
export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

interface StoredKeyFile {
  kid: string;
  alg: SigningAlgorithm;
  private_key: string;
  created_at: string;
}

export class SigningKeyConfigError extends Error {}

/** jsonwebtoken (under passport-jwt) verifies RSA and EC keys, not Ed25519, so those are the two kinds accepted. */
function algorithmOf(key: KeyObject): SigningAlgorithm {
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new SigningKeyConfigError('signing keys must be RSA (2048 bits or more) or EC P-256');
}

/** RFC 7638 thumbprint: a stable kid derived from the public key itself. */
export function thumbprintOf(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const members = jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

export function signingKeyFrom(kid: string, privateKey: KeyObject): SigningKey {
  return { kid, alg: algorithmOf(privateKey), privateKey, publicKey: createPublicKey(privateKey) };
}

/** `AUTH_SIGNING_KEYS`: a JSON array of `{ kid, private_key }` (PEM) or `kid:base64-der,...`, newest first. */
export function parseSigningKeys(raw: string): SigningKey[] {
  const trimmed = raw.trim();
  const entries: Array<{ kid: string; key: KeyObject }> = trimmed.startsWith('[')
    ? (JSON.parse(trimmed) as Array<{ kid: string; private_key: string }>).map((e) => ({ kid: e.kid, key: createPrivateKey(e.private_key) }))
    : trimmed.split(',').map((entry) => {
        const [kid, der] = entry.trim().split(':');
        return { kid, key: createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' }) };
      });
  if (entries.length === 0) throw new SigningKeyConfigError('AUTH_SIGNING_KEYS holds no key');
  return entries.map((e) => signingKeyFrom(e.kid, e.key));
}

export type NewKeySpec = { type: 'rsa'; modulusLength: number } | { type: 'ec'; namedCurve: string };

/**
 * A new private key that shares nothing with the job that generated it. On Node 20 a KeyObject
 * straight from generateKeyPair(Sync) shares its lock with the generation job, and a garbage
 * collection that destroys the finished job while that key's details are being read (jsonwebtoken
 * reads `asymmetricKeyDetails` on every sign and verify) deadlocks the process: it waits on a lock
 * it holds. Generating straight to DER and importing that leaves no KeyObject tied to the job.
 */
export function generatePrivateKey(spec: NewKeySpec): KeyObject {
  const publicKeyEncoding = { type: 'spki', format: 'der' } as const;
  const privateKeyEncoding = { type: 'pkcs8', format: 'der' } as const;
  const der: Buffer =
    spec.type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: spec.modulusLength, publicKeyEncoding, privateKeyEncoding }).privateKey
      : generateKeyPairSync('ec', { namedCurve: spec.namedCurve, publicKeyEncoding, privateKeyEncoding }).privateKey;
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

export function generateSigningKey(): SigningKey {
  const privateKey = generatePrivateKey({ type: 'rsa', modulusLength: 2048 });
  return signingKeyFrom(thumbprintOf(createPublicKey(privateKey)), privateKey);
}

export function signingKeyFile(dataDir: string): string {
  return join(dataDir, 'auth', 'signing-key.json');
}

function readKeyFile(path: string): SigningKey | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const stored = JSON.parse(text) as StoredKeyFile;
  return signingKeyFrom(stored.kid, createPrivateKey(stored.private_key));
}

/**
 * The embedded-mode key: generated on first start, kept readable by this user only, reused after.
 * `wx` makes a concurrent first start (service and CLI) keep whichever key was written first.
 */
function loadOrCreateKeyFile(dataDir: string): SigningKey {
  const path = signingKeyFile(dataDir);
  const existing = readKeyFile(path);
  if (existing) return existing;
  mkdirSync(join(dataDir, 'auth'), { recursive: true, mode: 0o700 });
  chmodSync(join(dataDir, 'auth'), 0o700);
  const key = generateSigningKey();
  const stored: StoredKeyFile = { kid: key.kid, alg: key.alg, private_key: key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), created_at: new Date().toISOString() };
  try {
    writeFileSync(path, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readKeyFile(path) as SigningKey;
  }
  return key;
}

// Tests build many apps on `memory://` data directories; one ephemeral key per process is enough.
let ephemeralKey: SigningKey | undefined;

/** The keys to sign with (first) and verify with (all), from the environment, DATA_DIR or memory. */
export function loadSigningKeys(configuredKeys: string | undefined, dataDir: string): SigningKey[] {
  if (configuredKeys) return parseSigningKeys(configuredKeys);
  if (dataDir.startsWith('memory://')) {
    ephemeralKey ??= generateSigningKey();
    return [ephemeralKey];
  }
  return [loadOrCreateKeyFile(dataDir)];
}
