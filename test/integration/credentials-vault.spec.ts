import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '../../src/common/auth/principal';
import { CredentialCipher } from '../../src/modules/credentials/crypto/credential-cipher';
import { KeyRotationService } from '../../src/modules/credentials/crypto/key-rotation.service';
import { KeyringError } from '../../src/modules/credentials/crypto/keyring';
import { VaultKeys } from '../../src/modules/credentials/crypto/vault-keys';
import { CredentialExpiryJob } from '../../src/modules/credentials/credential-expiry.job';
import { CredentialRequirementsSource, StaticRequirementsSource } from '../../src/modules/credentials/credential-requirements.source';
import { CredentialsRepository } from '../../src/modules/credentials/credentials.repository';
import { CredentialsService } from '../../src/modules/credentials/credentials.service';
import { PrismaService } from '../../src/database/prisma.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { describeEachDatabase } from '../utils/test-database';
import { FIXTURE_ACCEPTED_TOKEN, FIXTURE_SERVER_ID, fixtureCatalog, GITHUB_SERVER_ID, OAUTH_FILE_SERVER_ID, oauthClientFile } from '../fixtures/mcp/fixture-catalog';

const principal = (ownerId: string): Principal => ({ ownerId, kind: 'user', scopes: ['credentials'], issuer: 'test' });
const GH = 'ghp_' + 'A'.repeat(36);

describeEachDatabase('credentials vault', (db, mode) => {
  let t: TestApp;
  let service: CredentialsService;
  let repository: CredentialsRepository;
  let prisma: PrismaService;
  let workDir: string;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'vault-it-'));
    const source = new StaticRequirementsSource(fixtureCatalog({ argvFile: join(workDir, 'argv.json') }));
    t = await createTestApp({ db: db(), env: { CREDENTIAL_VALIDATION_TIMEOUT_MS: '20000' }, override: (b) => b.overrideProvider(CredentialRequirementsSource).useValue(source) });
    service = t.app.get(CredentialsService);
    repository = t.app.get(CredentialsRepository, { strict: false });
    prisma = t.app.get(PrismaService);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(workDir, { recursive: true, force: true });
  });
  afterEach(() => jest.restoreAllMocks());

  it('stores one encrypted record per owner+server+key and audits create then update', async () => {
    await service.put(principal('alice'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: GH });
    const view = await service.put(principal('alice'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: GH.replace('A', 'B'), expires_in_days: 7 });
    expect(view).toEqual({ mcp_server: GITHUB_SERVER_ID, credential_key: 'GITHUB_PERSONAL_ACCESS_TOKEN', status: 'unverified', expires_at: expect.any(String) });
    expect(new Date(view.expires_at).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const rows = await repository.listOwned('alice');
    expect(rows).toHaveLength(1);
    expect(rows[0].ciphertext.includes(Buffer.from(GH.replace('A', 'B')))).toBe(false);
    const actions = (await repository.listAuditOwned('alice')).map((event) => event.action);
    expect(actions).toEqual(['create', 'update']);
  });

  it('refuses a value that breaks the catalog format, an undeclared key, an unknown server and a too-long TTL', async () => {
    await expect(service.put(principal('alice'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: 'xoxb-wrong' })).rejects.toMatchObject({ code: 'CREDENTIAL_FORMAT_INVALID', status: 400 });
    await expect(service.put(principal('alice'), GITHUB_SERVER_ID, 'NOPE', { value: 'x' })).rejects.toMatchObject({ code: 'CREDENTIAL_KEY_NOT_DECLARED' });
    await expect(service.put(principal('alice'), 'nope/nope', 'K', { value: 'x' })).rejects.toMatchObject({ code: 'CREDENTIAL_SERVER_UNKNOWN', status: 404 });
    await expect(service.put(principal('alice'), GITHUB_SERVER_ID, 'GITHUB_HOST', { value: 'h', expires_in_days: 9999 })).rejects.toMatchObject({ code: 'CREDENTIAL_TTL_TOO_LONG' });
    await expect(service.put(principal('alice'), OAUTH_FILE_SERVER_ID, 'GOOGLE_OAUTH_CREDENTIALS', { value: 'x' })).rejects.toMatchObject({ code: 'CREDENTIAL_WRONG_KIND' });
  });

  it("never shows or deletes another owner's credential", async () => {
    await service.put(principal('bob'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: GH });
    expect((await service.list(principal('mallory'))).credentials).toEqual([]);
    await expect(service.remove(principal('mallory'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN')).rejects.toMatchObject({ status: 404, code: 'CREDENTIAL_NOT_FOUND' });
    await expect(service.resolveForLaunch('mallory', GITHUB_SERVER_ID, 'run:x')).rejects.toMatchObject({ code: 'CREDENTIAL_MISSING' });
    await expect(service.resolveForLaunch('bob', GITHUB_SERVER_ID, 'run:1')).resolves.toEqual({ GITHUB_PERSONAL_ACCESS_TOKEN: GH });
    await service.remove(principal('bob'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN');
    expect((await service.list(principal('bob'))).credentials).toEqual([]);
  });

  it('lists what an owner still lacks in the contract shapes, optional ones apart', async () => {
    await service.put(principal('carol'), OAUTH_FILE_SERVER_ID, 'WORKSPACE_ID', { value: 'ws-1' });
    const missing = await service.missingFor('carol', [GITHUB_SERVER_ID, OAUTH_FILE_SERVER_ID]);
    expect(missing.required_credentials).toEqual([
      { mcp_server: GITHUB_SERVER_ID, credential_key: 'GITHUB_PERSONAL_ACCESS_TOKEN', description: 'GitHub PAT', instructions: ['Open GitHub settings', 'Create a token'] },
    ]);
    expect(missing.required_files).toEqual([{ mcp_server: OAUTH_FILE_SERVER_ID, key: 'GOOGLE_OAUTH_CREDENTIALS', description: 'OAuth client JSON', file_type: 'json' }]);
    expect(missing.optional.map((item) => item.credential_key)).toEqual(['GITHUB_HOST']);
  });

  it('audits every decrypt with its purpose, and produces no plaintext when the audit write fails', async () => {
    await service.put(principal('dave'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: GH });
    await service.resolveForLaunch('dave', GITHUB_SERVER_ID, 'run:42', 'agent:7');
    const decrypts = (await repository.listAuditOwned('dave')).filter((event) => event.action === 'decrypt');
    expect(decrypts).toEqual([expect.objectContaining({ purpose: 'run:42', actorId: 'agent:7', outcome: 'granted', key: 'GITHUB_PERSONAL_ACCESS_TOKEN' })]);
    const cipher = t.app.get(CredentialCipher, { strict: false });
    const decrypt = jest.spyOn(cipher, 'decrypt');
    jest.spyOn(repository, 'recordAudit').mockRejectedValue(new Error('audit table unavailable'));
    await expect(service.resolveForLaunch('dave', GITHUB_SERVER_ID, 'run:43')).rejects.toThrow('audit table unavailable');
    expect(decrypt).not.toHaveBeenCalled();
  });

  it('refuses a ciphertext moved to another owner or key (AAD), audited as a failure', async () => {
    await service.put(principal('erin'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: GH });
    await service.put(principal('frank'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: 'ghp_' + 'F'.repeat(36) });
    await prisma.$executeRaw`UPDATE credentials AS f SET ciphertext = e.ciphertext, nonce = e.nonce, auth_tag = e.auth_tag, wrapped_data_key = e.wrapped_data_key
      FROM credentials AS e WHERE e.owner_id = 'erin' AND f.owner_id = 'frank'`;
    await expect(service.resolveForLaunch('frank', GITHUB_SERVER_ID, 'run:1')).rejects.toMatchObject({ code: 'CREDENTIAL_UNREADABLE' });
    const audit = await repository.listAuditOwned('frank');
    expect(audit.filter((event) => event.action === 'decrypt').map((event) => event.outcome)).toEqual(['granted', 'failure']);
  });

  it('treats an expired credential as missing, never decrypts it, and purges it with an expire audit row', async () => {
    await service.put(principal('gina'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: GH });
    await prisma.$executeRaw`UPDATE credentials SET expires_at = now() - interval '1 minute' WHERE owner_id = 'gina'`;
    expect((await service.list(principal('gina'))).credentials[0].status).toBe('expired');
    expect((await service.missingFor('gina', [GITHUB_SERVER_ID])).required_credentials).toHaveLength(1);
    const decrypt = jest.spyOn(t.app.get(CredentialCipher, { strict: false }), 'decrypt');
    await expect(service.resolveForLaunch('gina', GITHUB_SERVER_ID, 'run:1')).rejects.toMatchObject({ code: 'CREDENTIAL_MISSING' });
    expect(decrypt).not.toHaveBeenCalled();
    expect(await t.app.get(CredentialExpiryJob, { strict: false }).purge()).toBeGreaterThanOrEqual(1);
    expect(await repository.listOwned('gina')).toEqual([]);
    expect((await repository.listAuditOwned('gina')).map((event) => event.action)).toEqual(['create', 'expire']);
  });

  it('stores chat credentials and files one by one, naming invalid ones without their value', async () => {
    const secretFile = oauthClientFile('GOCSPX-chat-file-secret');
    const result = await service.storeMany(
      principal('hank'),
      { 'Token Fixture': { FIXTURE_TOKEN: FIXTURE_ACCEPTED_TOKEN }, [GITHUB_SERVER_ID]: { GITHUB_PERSONAL_ACCESS_TOKEN: 'not-a-token-value-123', UNDECLARED: 'x' }, 'no such server': { K: 'v' } },
      [{ filename: '../../etc/passwd client.json', content: secretFile.toString('base64'), type: 'credential', key: 'GOOGLE_OAUTH_CREDENTIALS' }],
      { serverIds: [FIXTURE_SERVER_ID, OAUTH_FILE_SERVER_ID] },
    );
    expect(result.stored.map((row) => row.credential_key).sort()).toEqual(['FIXTURE_TOKEN', 'GOOGLE_OAUTH_CREDENTIALS']);
    expect(result.invalid.map((row) => [row.mcp_server, row.credential_key])).toEqual([
      [GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN'],
      [GITHUB_SERVER_ID, 'UNDECLARED'],
      ['no such server', 'K'],
    ]);
    expect(result.invalid[0].reason).toContain('github_pat_');
    expect(JSON.stringify(result)).not.toContain('not-a-token-value-123');
    const stored = await repository.findOwned('hank', OAUTH_FILE_SERVER_ID, 'GOOGLE_OAUTH_CREDENTIALS');
    expect(stored?.fileName).toBe('passwd_client.json');
  });

  it('refuses oversized, executable, archive and wrongly shaped chat files', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 0x20).toString('base64');
    const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 2, 3]).toString('base64');
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]).toString('base64');
    const wrongShape = Buffer.from(JSON.stringify({ type: 'service_account' })).toString('base64');
    const files = [big, elf, zip, wrongShape, 'not base64!'].map((content) => ({ filename: 'f.json', content, key: 'GOOGLE_OAUTH_CREDENTIALS' }));
    const result = await service.storeMany(principal('ivan'), {}, files, { serverIds: [OAUTH_FILE_SERVER_ID] });
    expect(result.stored).toEqual([]);
    expect(result.invalid.map((row) => row.reason)).toEqual([
      expect.stringContaining('larger than 1048576'),
      expect.stringContaining('ELF'),
      expect.stringContaining('zip'),
      expect.stringContaining('installed'),
      expect.stringContaining('base64'),
    ]);
    await expect(service.storeMany(principal('ivan'), {}, Array(6).fill(files[3]), { serverIds: [OAUTH_FILE_SERVER_ID] })).rejects.toMatchObject({ code: 'CREDENTIAL_TOO_MANY_FILES' });
  });

  it('materializes file credentials as private 0600 files that dispose() removes', async () => {
    await service.storeMany(principal('judy'), { [OAUTH_FILE_SERVER_ID]: { WORKSPACE_ID: 'ws-9' } }, [
      { filename: 'client.json', content: oauthClientFile('GOCSPX-judy').toString('base64'), key: 'GOOGLE_OAUTH_CREDENTIALS' },
    ], { serverIds: [OAUTH_FILE_SERVER_ID] });
    expect(await service.resolveForLaunch('judy', OAUTH_FILE_SERVER_ID, 'run:9')).toEqual({ WORKSPACE_ID: 'ws-9' });
    const files = await service.materializeFiles('judy', OAUTH_FILE_SERVER_ID, 'run:9');
    const path = files.env.GOOGLE_OAUTH_CREDENTIALS;
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toContain('GOCSPX-judy');
    await files.dispose();
    expect(existsSync(path)).toBe(false);
  });

  it('validates live against the fixture MCP server: the right token is valid, a wrong one invalid', async () => {
    await service.put(principal('kate'), FIXTURE_SERVER_ID, 'FIXTURE_TOKEN', { value: FIXTURE_ACCEPTED_TOKEN });
    const ok = await service.validate(principal('kate'), FIXTURE_SERVER_ID);
    expect(ok).toMatchObject({ mcp_server: FIXTURE_SERVER_ID, status: 'valid', reason: expect.stringContaining('whoami succeeded') });
    const argv = readFileSync(join(workDir, 'argv.json'), 'utf8');
    expect(argv).toContain('token-server.mjs');
    expect(argv).not.toContain(FIXTURE_ACCEPTED_TOKEN);
    await service.put(principal('kate'), FIXTURE_SERVER_ID, 'FIXTURE_TOKEN', { value: 'fixture-token-wrongwrongwrong' });
    const bad = await service.validate(principal('kate'), FIXTURE_SERVER_ID);
    expect(bad).toMatchObject({ status: 'invalid', reason: expect.stringContaining('authentication failed') });
    expect(bad.reason).not.toContain('fixture-token-wrongwrongwrong');
    expect((await service.missingFor('kate', [FIXTURE_SERVER_ID])).required_credentials.map((item) => item.credential_key)).toEqual(['FIXTURE_TOKEN']);
    const validations = (await repository.listAuditOwned('kate')).filter((event) => event.action === 'validate');
    expect(validations.map((event) => event.outcome)).toEqual(['success', 'failure']);
  });

  it('rotates resumably: a run that fails half-way and a second run leave every record readable on the new key', async () => {
    const keys = t.app.get(VaultKeys, { strict: false });
    const rotation = t.app.get(KeyRotationService, { strict: false });
    await prisma.$executeRaw`DELETE FROM credentials`;
    for (let i = 0; i < 7; i += 1) await service.put(principal(`rot-${i}`), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: `ghp_${String(i).repeat(36)}` });
    const before = new Map((await prisma.credential.findMany()).map((row) => [row.id, Buffer.from(row.ciphertext).toString('hex')]));
    const oldVersion = keys.keyring().current.version;
    const save = repository.saveRewrapped.bind(repository);
    let calls = 0;
    jest.spyOn(repository, 'saveRewrapped').mockImplementation(async (updates) => {
      calls += 1;
      if (calls === 3) throw new Error('killed half-way');
      return save(updates);
    });
    await expect(rotation.rotate({ batchSize: 2 })).rejects.toThrow('killed half-way');
    const newVersion = keys.keyring().current.version;
    expect(newVersion).not.toBe(oldVersion);
    const midway = await repository.countByKeyVersion();
    expect(midway[newVersion]).toBe(4);
    for (let i = 0; i < 7; i += 1) await expect(service.resolveForLaunch(`rot-${i}`, GITHUB_SERVER_ID, 'check')).resolves.toEqual({ GITHUB_PERSONAL_ACCESS_TOKEN: `ghp_${String(i).repeat(36)}` });
    jest.restoreAllMocks();
    const resumed = await rotation.rotate({ batchSize: 2 });
    expect(resumed.added).toBeUndefined();
    expect(resumed.notes[0]).toContain('Resuming');
    expect(resumed).toMatchObject({ rewrapped: 3, unreadable: 0 });
    expect(await repository.countByKeyVersion()).toEqual({ [newVersion]: before.size });
    for (const row of await prisma.credential.findMany()) expect(Buffer.from(row.ciphertext).toString('hex')).toBe(before.get(row.id));
    for (let i = 0; i < 7; i += 1) await expect(service.resolveForLaunch(`rot-${i}`, GITHUB_SERVER_ID, 'check')).resolves.toEqual({ GITHUB_PERSONAL_ACCESS_TOKEN: `ghp_${String(i).repeat(36)}` });
  });

  it('leaves a record that fails authentication on its old key during rotation, and rotates the rest', async () => {
    await prisma.$executeRaw`DELETE FROM credentials`;
    for (let i = 0; i < 3; i += 1) await service.put(principal(`rot-${i}`), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: `ghp_${String(i).repeat(36)}` });
    await service.put(principal('tamper'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: GH });
    await prisma.$executeRaw`UPDATE credentials SET wrapped_data_key = set_byte(wrapped_data_key, 30, get_byte(wrapped_data_key, 30) # 1) WHERE owner_id = 'tamper'`;
    const result = await t.app.get(KeyRotationService, { strict: false }).rotate({ batchSize: 2 });
    expect(result).toMatchObject({ unreadable: 1, rewrapped: 3 });
    expect(result.notes.join(' ')).toContain('failed authentication');
    await expect(service.resolveForLaunch('tamper', GITHUB_SERVER_ID, 'check')).rejects.toMatchObject({ code: 'CREDENTIAL_UNREADABLE' });
    await expect(service.resolveForLaunch('rot-2', GITHUB_SERVER_ID, 'check')).resolves.toEqual({ GITHUB_PERSONAL_ACCESS_TOKEN: `ghp_${'2'.repeat(36)}` });
  });

  it('refuses to start when a stored record names a key version no configured key has', async () => {
    await service.put(principal('lost-key'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: GH });
    await prisma.$executeRaw`UPDATE credentials SET key_version = 'v99' WHERE owner_id = 'lost-key'`;
    const keys = t.app.get(VaultKeys, { strict: false });
    await expect(keys.assertEveryRecordOpenable()).rejects.toThrow(KeyringError);
    await expect(keys.assertEveryRecordOpenable()).rejects.toThrow(/v99/);
    const source = new StaticRequirementsSource(fixtureCatalog());
    await expect(createTestApp({ db: db(), override: (b) => b.overrideProvider(CredentialRequirementsSource).useValue(source) })).rejects.toThrow(/v99/);
    await prisma.$executeRaw`DELETE FROM credentials WHERE owner_id = 'lost-key'`;
    await expect(keys.assertEveryRecordOpenable()).resolves.toBeUndefined();
  });

  it('refuses to start when the configured key has the right version label but different key material', async () => {
    await prisma.$executeRaw`DELETE FROM credentials`;
    await service.put(principal('relabel-1'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: GH });
    await service.put(principal('relabel-2'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: GH });
    const version = t.app.get(VaultKeys, { strict: false }).keyring().current.version;
    const source = new StaticRequirementsSource(fixtureCatalog());
    const wrongKey = `${version}:${Buffer.alloc(32, 7).toString('base64')}`;
    await expect(
      createTestApp({ db: db(), env: { ENCRYPTION_KEYS: wrongKey }, override: (b) => b.overrideProvider(CredentialRequirementsSource).useValue(source) }),
    ).rejects.toThrow(/do not open the stored credentials/);
  });

  it('embedded key file (PostgreSQL: refused without ENCRYPTION_KEYS): generated on first start, extended by rotation, and read again after a restart', async () => {
    const dataDir = join(workDir, 'data');
    const source = new StaticRequirementsSource(fixtureCatalog());
    const boot = () => createTestApp({ db: db(), env: { DATA_DIR: dataDir }, override: (b) => b.overrideProvider(CredentialRequirementsSource).useValue(source) });
    await prisma.$executeRaw`DELETE FROM credentials`;
    if (mode === 'postgres') {
      // A shared database must never get a key generated on one host's disk.
      await expect(boot()).rejects.toThrow(/ENCRYPTION_KEYS must be set/);
      return;
    }
    const first = await boot();
    try {
      await first.app.get(CredentialsService).put(principal('file-owner'), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: GH });
      const result = await first.app.get(KeyRotationService, { strict: false }).rotate();
      expect(result).toMatchObject({ added: 'v2', rewrapped: 1 });
    } finally {
      await first.close();
    }
    const keyFile = JSON.parse(readFileSync(join(dataDir, 'keys', 'encryption-keys.json'), 'utf8')) as { keys: Array<{ version: string }> };
    expect(keyFile.keys.map((key) => key.version)).toEqual(['v2', 'v1']);
    const second = await boot();
    try {
      await expect(second.app.get(CredentialsService).resolveForLaunch('file-owner', GITHUB_SERVER_ID, 'after-restart')).resolves.toEqual({ GITHUB_PERSONAL_ACCESS_TOKEN: GH });
    } finally {
      await second.close();
    }
  });
});
