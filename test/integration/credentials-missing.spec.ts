import type { Principal } from '../../src/common/auth/principal';
import { PrismaService } from '../../src/database/prisma.service';
import { CredentialRequirementsSource, StaticRequirementsSource } from '../../src/modules/credentials/credential-requirements.source';
import { CredentialsRepository } from '../../src/modules/credentials/credentials.repository';
import { CredentialsService } from '../../src/modules/credentials/credentials.service';
import { createTestApp, TestApp } from '../utils/test-app';
import { describeEachDatabase } from '../utils/test-database';
import { fixtureCatalog, GITHUB_SERVER_ID, OAUTH_FILE_SERVER_ID, oauthClientFile } from '../fixtures/mcp/fixture-catalog';

const principal = (ownerId: string): Principal => ({ ownerId, kind: 'user', scopes: ['credentials'], issuer: 'test' });
const GH = 'ghp_' + 'A'.repeat(36);
const SERVERS = [GITHUB_SERVER_ID, OAUTH_FILE_SERVER_ID, 'unknown.example/server'];
const GITHUB_PAT = { mcp_server: GITHUB_SERVER_ID, credential_key: 'GITHUB_PERSONAL_ACCESS_TOKEN', description: 'GitHub PAT', instructions: ['Open GitHub settings', 'Create a token'] };
const OAUTH_FILE = { mcp_server: OAUTH_FILE_SERVER_ID, key: 'GOOGLE_OAUTH_CREDENTIALS', description: 'OAuth client JSON', file_type: 'json' };
const WORKSPACE = { mcp_server: OAUTH_FILE_SERVER_ID, credential_key: 'WORKSPACE_ID', description: 'Workspace id', instructions: ['Copy it from the URL'] };
const GITHUB_HOST = { mcp_server: GITHUB_SERVER_ID, credential_key: 'GITHUB_HOST', description: 'Enterprise host', instructions: ['Only for GHES'], kind: 'setting' };

/** What an owner lacks, across two servers (and an unknown one), for every state a stored record can be in. */
describeEachDatabase('credentials an owner still lacks', (db) => {
  let t: TestApp;
  let service: CredentialsService;
  let source: StaticRequirementsSource;

  beforeAll(async () => {
    source = new StaticRequirementsSource(fixtureCatalog({ argvFile: '/dev/null' }));
    t = await createTestApp({ db: db(), override: (b) => b.overrideProvider(CredentialRequirementsSource).useValue(source) });
    service = t.app.get(CredentialsService);
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  const storeAll = async (ownerId: string) => {
    await service.put(principal(ownerId), GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', { value: GH });
    await service.put(principal(ownerId), GITHUB_SERVER_ID, 'GITHUB_HOST', { value: 'ghe.example' });
    await service.put(principal(ownerId), OAUTH_FILE_SERVER_ID, 'WORKSPACE_ID', { value: 'ws-1' });
    await service.storeMany(principal(ownerId), {}, [{ filename: 'client.json', content: oauthClientFile('GOCSPX-x').toString('base64'), key: 'GOOGLE_OAUTH_CREDENTIALS' }], { serverIds: [OAUTH_FILE_SERVER_ID] });
  };

  it('lists everything, required apart from optional and files apart from values, for an owner with nothing stored', async () => {
    expect(await service.missingFor('nobody', SERVERS)).toEqual({ required_credentials: [GITHUB_PAT, WORKSPACE], required_files: [OAUTH_FILE], optional: [GITHUB_HOST] });
  });

  it('counts stored records as present, and invalid or expired ones as missing, whatever their kind', async () => {
    await storeAll('olga');
    expect(await service.missingFor('olga', SERVERS)).toEqual({ required_credentials: [], required_files: [], optional: [] });
    const audit = { ownerId: 'olga', actorId: 'test', serverId: GITHUB_SERVER_ID, key: 'GITHUB_PERSONAL_ACCESS_TOKEN', outcome: 'failure' as const };
    await t.app.get(CredentialsRepository, { strict: false }).setStatusOwned('olga', GITHUB_SERVER_ID, 'GITHUB_PERSONAL_ACCESS_TOKEN', 'invalid', 'rejected', audit);
    await t.app.get(PrismaService).$executeRaw`UPDATE credentials SET expires_at = now() - interval '1 minute' WHERE owner_id = 'olga' AND key IN ('GOOGLE_OAUTH_CREDENTIALS', 'GITHUB_HOST')`;
    expect(await service.missingFor('olga', SERVERS)).toEqual({ required_credentials: [GITHUB_PAT], required_files: [OAUTH_FILE], optional: [GITHUB_HOST] });
  });

  it("never counts another owner's records", async () => {
    await storeAll('pete');
    expect(await service.missingFor('quinn', [GITHUB_SERVER_ID])).toEqual({ required_credentials: [GITHUB_PAT], required_files: [], optional: [GITHUB_HOST] });
  });

  it('reads the owner records fresh on every call while the catalog requirements are reused', async () => {
    await service.missingFor('rita', [OAUTH_FILE_SERVER_ID]);
    const catalogReads = jest.spyOn(source, 'getCredentialRequirements');
    expect((await service.missingFor('rita', [OAUTH_FILE_SERVER_ID])).required_credentials).toEqual([WORKSPACE]);
    await service.put(principal('rita'), OAUTH_FILE_SERVER_ID, 'WORKSPACE_ID', { value: 'ws-2' });
    expect((await service.missingFor('rita', [OAUTH_FILE_SERVER_ID])).required_credentials).toEqual([]);
    // Only the put asked the catalog: writes never use the cached requirements.
    expect(catalogReads).toHaveBeenCalledTimes(1);
  });

  it('hands out instructions no caller can change for the next one', async () => {
    const first = await service.missingFor('sam', [GITHUB_SERVER_ID]);
    first.required_credentials[0].instructions.push('tampered');
    expect((await service.missingFor('sam', [GITHUB_SERVER_ID])).required_credentials).toEqual([GITHUB_PAT]);
  });
});
