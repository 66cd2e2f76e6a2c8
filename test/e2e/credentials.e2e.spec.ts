import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Principal } from '../../src/common/auth/principal';
import { PrismaService } from '../../src/database/prisma.service';
import { KeyRotationService } from '../../src/modules/credentials/crypto/key-rotation.service';
import { CredentialExpiryJob } from '../../src/modules/credentials/credential-expiry.job';
import { CredentialRequirementsSource, StaticRequirementsSource } from '../../src/modules/credentials/credential-requirements.source';
import { CredentialsService } from '../../src/modules/credentials/credentials.service';
import { FIXTURE_SERVER_ID, fixtureCatalog, GITHUB_SERVER_ID, OAUTH_FILE_SERVER_ID, oauthClientFile } from '../fixtures/mcp/fixture-catalog';
import { bearerFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { describeEachDatabase } from '../utils/test-database';

// One secret sent through every path; afterwards it must not appear in plaintext anywhere we can look.
const CANARY = `fixture-token-canary${randomBytes(8).toString('hex')}`;
const enc = encodeURIComponent;

describeEachDatabase('credentials over HTTP', (db) => {
  let t: TestApp;
  let alice: string;
  let workDir: string;
  const responses: string[] = [];
  const http = () => request(t.app.getHttpServer());
  const keep = <T extends { text: string }>(res: T): T => {
    responses.push(res.text);
    return res;
  };

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'vault-e2e-'));
    const source = new StaticRequirementsSource(fixtureCatalog({ argvFile: join(workDir, 'argv.json'), expectedToken: CANARY }));
    t = await createTestApp({ db: db(), env: { CREDENTIAL_FILE_MAX_BYTES: '2048' }, override: (b) => b.overrideProvider(CredentialRequirementsSource).useValue(source) });
    alice = await bearerFor(t.app, { ownerId: 'e2e-alice' });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('needs a token with the credentials scope', async () => {
    await http().get('/api/credentials').expect(401);
    const noScope = await bearerFor(t.app, { ownerId: 'e2e-alice', scopes: ['chat'] });
    await http().get('/api/credentials').set('authorization', noScope).expect(403);
  });

  it('stores with PUT (URL-encoded server id), never echoing the value, then lists, validates and deletes', async () => {
    const put = keep(await http().put(`/api/credentials/${enc(FIXTURE_SERVER_ID)}/FIXTURE_TOKEN`).set('authorization', alice).send({ value: CANARY, expires_in_days: 10 }).expect(200));
    expect(put.body).toEqual({ mcp_server: FIXTURE_SERVER_ID, credential_key: 'FIXTURE_TOKEN', status: 'unverified', expires_at: expect.any(String) });
    const list = keep(await http().get('/api/credentials').set('authorization', alice).expect(200));
    expect(list.body.credentials).toEqual([put.body]);
    const valid = keep(await http().post(`/api/credentials/${enc(FIXTURE_SERVER_ID)}/validate`).set('authorization', alice).expect(200));
    expect(valid.body).toMatchObject({ mcp_server: FIXTURE_SERVER_ID, status: 'valid', reason: expect.any(String), credentials: [{ credential_key: 'FIXTURE_TOKEN', status: 'valid' }] });
    const argv = readFileSync(join(workDir, 'argv.json'), 'utf8');
    expect(JSON.parse(argv).argv.length).toBeGreaterThan(0);
    expect(argv).not.toContain(CANARY);
    await http().delete(`/api/credentials/${enc(FIXTURE_SERVER_ID)}/FIXTURE_TOKEN`).set('authorization', alice).expect(204);
    keep(await http().delete(`/api/credentials/${enc(FIXTURE_SERVER_ID)}/FIXTURE_TOKEN`).set('authorization', alice).expect(404));
  });

  it('answers bad input with coded 4xx errors that never carry the value', async () => {
    const badFormat = keep(await http().put(`/api/credentials/${enc(GITHUB_SERVER_ID)}/GITHUB_PERSONAL_ACCESS_TOKEN`).set('authorization', alice).send({ value: CANARY }).expect(400));
    expect(badFormat.body.error.code).toBe('CREDENTIAL_FORMAT_INVALID');
    expect(badFormat.body.error.message).toContain('github_pat_');
    const unknown = keep(await http().put(`/api/credentials/${enc('no/such/server')}/K`).set('authorization', alice).send({ value: CANARY }).expect(404));
    expect(unknown.body.error.code).toBe('CREDENTIAL_SERVER_UNKNOWN');
    const undeclared = keep(await http().put(`/api/credentials/${enc(FIXTURE_SERVER_ID)}/OTHER`).set('authorization', alice).send({ value: CANARY }).expect(400));
    expect(undeclared.body.error.code).toBe('CREDENTIAL_KEY_NOT_DECLARED');
    const extra = keep(await http().put(`/api/credentials/${enc(FIXTURE_SERVER_ID)}/FIXTURE_TOKEN`).set('authorization', alice).send({ value: CANARY, expires_in_days: 'x', note: 1 }).expect(400));
    expect(extra.body.error.code).toBe('VALIDATION_FAILED');
    const ttl = keep(await http().put(`/api/credentials/${enc(FIXTURE_SERVER_ID)}/FIXTURE_TOKEN`).set('authorization', alice).send({ value: CANARY, expires_in_days: 3000 }).expect(400));
    expect(ttl.body.error.code).toBe('CREDENTIAL_TTL_TOO_LONG');
  });

  it('accepts a Google OAuth client file over multipart and refuses executables, bad shapes and oversized files', async () => {
    const ok = keep(
      await http().post('/api/credentials/files').set('authorization', alice).field('server', OAUTH_FILE_SERVER_ID).field('key', 'GOOGLE_OAUTH_CREDENTIALS').attach('file', oauthClientFile(CANARY), '../client secret.json').expect(200),
    );
    expect(ok.body).toMatchObject({ mcp_server: OAUTH_FILE_SERVER_ID, credential_key: 'GOOGLE_OAUTH_CREDENTIALS', status: 'unverified' });
    const elf = keep(await http().post('/api/credentials/files').set('authorization', alice).field('server', OAUTH_FILE_SERVER_ID).field('key', 'GOOGLE_OAUTH_CREDENTIALS').attach('file', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2]), 'x.json').expect(400));
    expect(elf.body.error.code).toBe('CREDENTIAL_FILE_REJECTED');
    const shape = keep(await http().post('/api/credentials/files').set('authorization', alice).field('server', OAUTH_FILE_SERVER_ID).field('key', 'GOOGLE_OAUTH_CREDENTIALS').attach('file', Buffer.from(`{"web":{"client_id":"${CANARY}"}}`), 'x.json').expect(400));
    expect(shape.body.error.message).toContain('client_secret');
    const big = keep(await http().post('/api/credentials/files').set('authorization', alice).field('server', OAUTH_FILE_SERVER_ID).field('key', 'GOOGLE_OAUTH_CREDENTIALS').attach('file', Buffer.alloc(4096, 0x20), 'x.json').expect(413));
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const notFile = keep(await http().post('/api/credentials/files').set('authorization', alice).field('server', OAUTH_FILE_SERVER_ID).field('key', 'WORKSPACE_ID').attach('file', oauthClientFile('x'), 'x.json').expect(400));
    expect(notFile.body.error.code).toBe('CREDENTIAL_WRONG_KIND');
  });

  it('never lets the canary reach a table, a log line, a response, an audit row or a process argument', async () => {
    const service = t.app.get(CredentialsService);
    const chatter: Principal = { ownerId: 'e2e-chat', kind: 'user', scopes: ['chat'], issuer: 'test' };
    const chat = await service.storeMany(chatter, { 'Token Fixture': { FIXTURE_TOKEN: CANARY } }, [{ filename: 'c.json', content: oauthClientFile(CANARY).toString('base64'), key: 'GOOGLE_OAUTH_CREDENTIALS' }], {
      serverIds: [FIXTURE_SERVER_ID, OAUTH_FILE_SERVER_ID],
    });
    responses.push(JSON.stringify(chat));
    expect(chat.stored).toHaveLength(2);
    for (let i = 0; i < 2; i += 1) keep(await http().put(`/api/credentials/${enc(FIXTURE_SERVER_ID)}/FIXTURE_TOKEN`).set('authorization', alice).send({ value: CANARY }).expect(200));
    keep(await http().post(`/api/credentials/${enc(FIXTURE_SERVER_ID)}/validate`).set('authorization', alice).expect(200));
    const files = await service.materializeFiles('e2e-alice', OAUTH_FILE_SERVER_ID, 'run:canary').catch(() => undefined);
    await files?.dispose();
    const rotation = await t.app.get(KeyRotationService, { strict: false }).rotate({ batchSize: 1 });
    expect(rotation.rewrapped).toBeGreaterThanOrEqual(3);
    await expect(service.resolveForLaunch('e2e-chat', FIXTURE_SERVER_ID, 'run:after-rotation')).resolves.toEqual({ FIXTURE_TOKEN: CANARY });
    const prisma = t.app.get(PrismaService);
    await prisma.$executeRaw`UPDATE credentials SET expires_at = now() - interval '1 second' WHERE owner_id = 'e2e-chat'`;
    expect(await t.app.get(CredentialExpiryJob, { strict: false }).purge()).toBe(2);

    const tables = await prisma.$queryRaw<{ name: string }[]>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    expect(tables.map((row) => row.name)).toEqual(expect.arrayContaining(['credentials', 'credential_audit_events']));
    for (const { name } of tables) {
      const rows = await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${name.replace(/"/g, '')}" t`);
      const dump = rows.map((row) => row.row).join('\n');
      expect({ table: name, leaked: dump.includes(CANARY) || dump.includes(Buffer.from(CANARY).toString('hex')) }).toEqual({ table: name, leaked: false });
    }
    const audit = await prisma.credentialAuditEvent.findMany({ where: { ownerId: { in: ['e2e-alice', 'e2e-chat'] } } });
    expect(new Set(audit.map((event) => event.action))).toEqual(new Set(['create', 'update', 'decrypt', 'validate', 'delete', 'expire']));
    expect(JSON.stringify(audit)).not.toContain(CANARY);
    expect(t.logs.length).toBeGreaterThan(0);
    expect(t.logs.filter((line) => line.includes(CANARY))).toEqual([]);
    expect(responses.filter((body) => body.includes(CANARY))).toEqual([]);
    expect(readFileSync(join(workDir, 'argv.json'), 'utf8')).not.toContain(CANARY);
  });
});

describeEachDatabase('credentials with live validation on', (db) => {
  let t: TestApp;
  beforeAll(async () => {
    const source = new StaticRequirementsSource(fixtureCatalog());
    t = await createTestApp({ db: db(), env: { CREDENTIAL_LIVE_VALIDATION: 'true' }, override: (b) => b.overrideProvider(CredentialRequirementsSource).useValue(source) });
  });
  afterAll(() => t?.close());

  it('checks each stored credential against its server before answering', async () => {
    const bearer = await bearerFor(t.app, { ownerId: 'live-owner' });
    const http = () => request(t.app.getHttpServer());
    const good = await http().put(`/api/credentials/${enc(FIXTURE_SERVER_ID)}/FIXTURE_TOKEN`).set('authorization', bearer).send({ value: 'fixture-token-0123456789abcdef' }).expect(200);
    expect(good.body.status).toBe('valid');
    const bad = await http().put(`/api/credentials/${enc(FIXTURE_SERVER_ID)}/FIXTURE_TOKEN`).set('authorization', bearer).send({ value: 'fixture-token-notaccepted' }).expect(200);
    expect(bad.body.status).toBe('invalid');
    expect(bad.text).not.toContain('fixture-token-notaccepted');
  });
});
