import { transformFileSync } from '@swc/core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Node 20 deadlocks when a garbage collection destroys a finished key-generation job while the
 * job's key is having its details read (see generatePrivateKey). With KeyObjects straight from
 * generateKeyPairSync the loop below hangs after about 80 keys. It runs in a child process, so a
 * regression fails this test by timeout instead of hanging the whole suite.
 */
const CHILD = `
const { generatePrivateKey } = require(process.argv[1]);
const keys = [];
let junk = [];
for (let i = 0; i < 400; i++) {
  keys.push(generatePrivateKey({ type: 'rsa', modulusLength: 512 }));
  if (keys.length > 50) keys.shift();
  // Reading details allocates; the buffers push the heap towards a collection in the middle of it.
  for (const key of keys) {
    if (!key.asymmetricKeyDetails) process.exit(2);
    junk.push(Buffer.alloc(64 * 1024));
    if (junk.length > 200) junk = [];
  }
}
`;

describe('generatePrivateKey', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dmcp-keygen-'));
    const compiled = transformFileSync(join(__dirname, 'signing-keys.ts'), { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } });
    writeFileSync(join(dir, 'signing-keys.js'), compiled.code);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives keys whose details can be read while collections run, without deadlocking', () => {
    const child = spawnSync(process.execPath, ['-e', CHILD, join(dir, 'signing-keys.js')], { timeout: 30_000, encoding: 'utf8' });
    expect({ status: child.status, signal: child.signal, stderr: child.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
  });
});
