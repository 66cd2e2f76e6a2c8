import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../../../config/app-config';
import { InvalidEnvironmentError } from '../../../config/validate-env';
import { generatePrivateKey, loadSigningKeys, parseSigningKeys, signingKeyFile } from './signing-keys';

describe('signing keys', () => {
  it('generates the embedded key once under DATA_DIR/auth (0600) and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmcp-keys-'));
    try {
      const [first] = loadSigningKeys(undefined, dir);
      expect(statSync(signingKeyFile(dir)).mode & 0o777).toBe(0o600);
      const [again] = loadSigningKeys(undefined, dir);
      expect(again.kid).toBe(first.kid);
      expect(first.alg).toBe('RS256');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps one ephemeral key for memory:// data directories and writes nothing', () => {
    expect(loadSigningKeys(undefined, 'memory://a')[0].kid).toBe(loadSigningKeys(undefined, 'memory://b')[0].kid);
  });

  it('reads AUTH_SIGNING_KEYS as JSON or kid:base64-der, newest first, and refuses weak key types', () => {
    const rsa = generatePrivateKey({ type: 'rsa', modulusLength: 2048 });
    const ec = generatePrivateKey({ type: 'ec', namedCurve: 'P-256' });
    const json = JSON.stringify([{ kid: 'b', private_key: ec.export({ format: 'pem', type: 'pkcs8' }) }, { kid: 'a', private_key: rsa.export({ format: 'pem', type: 'pkcs8' }) }]);
    expect(parseSigningKeys(json).map((k) => `${k.kid}:${k.alg}`)).toEqual(['b:ES256', 'a:RS256']);
    const der = (rsa.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64');
    expect(parseSigningKeys(`a:${der}`).map((k) => k.kid)).toEqual(['a']);
    const small = generatePrivateKey({ type: 'rsa', modulusLength: 1024 });
    expect(() => parseSigningKeys(JSON.stringify([{ kid: 'x', private_key: small.export({ format: 'pem', type: 'pkcs8' }) }]))).toThrow(/RSA \(2048 bits or more\)/);
  });

  it('refuses a malformed AUTH_SIGNING_KEYS or AUTH_EXTERNAL_ISSUERS at boot, naming the variable and hiding the key', () => {
    let problems: string[] = [];
    try {
      new AppConfig({ AUTH_SIGNING_KEYS: 'not a key list', AUTH_EXTERNAL_ISSUERS: '[{"issuer":"x"}]' });
    } catch (error) {
      problems = (error as InvalidEnvironmentError).problems;
    }
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['AUTH_EXTERNAL_ISSUERS', 'AUTH_SIGNING_KEYS']);
    expect(problems.join('\n')).not.toContain('not a key list');
  });
});
