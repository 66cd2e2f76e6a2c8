import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogImportFailed } from '../../src/modules/mcp-catalog/catalog.errors';
import { STARTER_SOURCE, starterCatalogDir } from '../../src/modules/mcp-catalog/starter-catalog';
import { catalogContext, catalogServer, copyStarterCatalog, editJson } from '../factories/catalog.factory';
import { describeEachDatabase } from '../utils/test-database';

const SLACK = 'github.com/modelcontextprotocol/servers/src/slack';
type ServersDoc = { servers: Array<{ id: string; description: string; name: string }> };
type ConfigDoc = { mcpServers: Record<string, unknown> };
type CredDoc = { credential_instructions: Record<string, Record<string, unknown>> };

describeEachDatabase('catalog import', (db) => {
  let ctx: ReturnType<typeof catalogContext>;
  let starterCount = 0;
  const dirs: string[] = [];
  const seedCopy = () => {
    const dir = copyStarterCatalog();
    dirs.push(dir);
    return dir;
  };

  beforeAll(() => {
    ctx = catalogContext(db());
  });
  afterAll(async () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await ctx.prisma.$disconnect();
  });
  beforeEach(() => ctx.indexer.reset());

  it('imports the starter catalog with its children and tells the indexer', async () => {
    const report = await ctx.importer.importPath(starterCatalogDir(), { source: STARTER_SOURCE, batchSize: 20 });
    starterCount = report.added;
    expect(report).toMatchObject({ updated: 0, unchanged: 0, removed: 0, skipped: [] });
    expect(starterCount).toBeGreaterThanOrEqual(50);
    expect(ctx.indexer.indexed.flat()).toHaveLength(starterCount);
    expect(ctx.indexer.indexed.length).toBe(Math.ceil(starterCount / 20));
    const slack = await ctx.service.getServer(SLACK);
    expect(slack.source).toBe(STARTER_SOURCE);
    expect(slack.tools.length).toBeGreaterThan(0);
    expect(slack.launchOptions[0]).toMatchObject({ transport: 'stdio', command: 'npx' });
    expect(slack.credentials.find((c) => c.key === 'SLACK_BOT_TOKEN')).toMatchObject({ required: true, secret: true, kind: 'token', pattern: expect.stringMatching(/^\^xoxb/) });
    expect(slack.validationTool?.name).toBe('slack_list_channels');
  });

  it('re-imports the same files as all unchanged, without indexing anything', async () => {
    const report = await ctx.importer.importPath(starterCatalogDir(), { source: STARTER_SOURCE });
    expect(report).toEqual({ added: 0, updated: 0, unchanged: starterCount, removed: 0, skipped: [] });
    expect(ctx.indexer.indexed).toEqual([]);
  });

  it('reports one updated record when one changes, and one removed when one disappears', async () => {
    const dir = seedCopy();
    editJson<ServersDoc>(join(dir, 'servers.json'), (doc) => {
      doc.servers.find((s) => s.id === SLACK)!.description = 'Changed description for the test';
    });
    expect(await ctx.importer.importPath(dir, { source: STARTER_SOURCE })).toEqual({ added: 0, updated: 1, unchanged: starterCount - 1, removed: 0, skipped: [] });
    expect(ctx.indexer.indexed).toEqual([[SLACK]]);
    expect((await ctx.service.getServer(SLACK)).description).toBe('Changed description for the test');

    ctx.indexer.reset();
    editJson<ServersDoc>(join(dir, 'servers.json'), (doc) => {
      doc.servers = doc.servers.filter((s) => s.id !== SLACK);
    });
    editJson<ConfigDoc>(join(dir, 'config.json'), (doc) => delete doc.mcpServers[SLACK]);
    editJson<CredDoc>(join(dir, 'credinfo.json'), (doc) => delete doc.credential_instructions[SLACK]);
    expect(await ctx.importer.importPath(dir, { source: STARTER_SOURCE })).toEqual({ added: 0, updated: 0, unchanged: starterCount - 1, removed: 1, skipped: [] });
    expect(ctx.indexer.removed).toEqual([[SLACK]]);
    await expect(ctx.service.getServer(SLACK)).rejects.toMatchObject({ code: 'CATALOG_SERVER_NOT_FOUND' });
    expect(await ctx.prisma.mcpCredentialRequirement.count({ where: { serverId: SLACK } })).toBe(0);

    await ctx.importer.importPath(starterCatalogDir(), { source: STARTER_SOURCE });
    expect((await ctx.service.getServer(SLACK)).description).not.toBe('Changed description for the test');
  });

  it('keeps curated steps and formats when a plainer source imports the same id, and stays unchanged on re-import', async () => {
    const dir = seedCopy();
    editJson<CredDoc>(join(dir, 'credinfo.json'), (doc) => {
      doc.credential_instructions = { [SLACK]: { required_tokens: { SLACK_BOT_TOKEN: 'token' }, optional_tokens: {}, settings: { SLACK_TEAM_ID: { description: 't', required: true } }, steps: [] } };
    });
    editJson<ServersDoc>(join(dir, 'servers.json'), (doc) => {
      doc.servers = doc.servers.filter((s) => s.id === SLACK);
    });
    editJson<ConfigDoc>(join(dir, 'config.json'), (doc) => {
      doc.mcpServers = { [SLACK]: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'], env: { SLACK_BOT_TOKEN: '', SLACK_TEAM_ID: '' } } };
    });
    const first = await ctx.importer.importPath(dir);
    expect(first).toMatchObject({ updated: 1, added: 0 });
    const stored = await ctx.repository.findById(SLACK);
    const token = stored!.credentials.find((c) => c.key === 'SLACK_BOT_TOKEN')!;
    expect(token.description).toBe('token');
    expect(token.steps.length).toBeGreaterThanOrEqual(3);
    expect(token.pattern).toMatch(/^\^xoxb/);
    expect(stored!.validationTool?.name).toBe('slack_list_channels');
    expect(stored!.source).toBe(`seed:${dir}`);
    expect(await ctx.importer.importPath(dir)).toEqual({ added: 0, updated: 0, unchanged: 1, removed: 0, skipped: [] });
    await ctx.importer.importPath(starterCatalogDir(), { source: STARTER_SOURCE });
  });

  it('never half-writes a batch: a failure inside one rolls it back whole and stops the import', async () => {
    const before = await ctx.prisma.mcpServer.count();
    const tool = { name: 'same', description: '' };
    const records = [
      catalogServer('test/committed-first'),
      catalogServer('test/committed-second'),
      catalogServer('test/in-failing-batch', { tools: [{ name: 'ok', description: '' }] }),
      // Two tools with one name violate mcp_tools' primary key after the batch's servers were inserted.
      catalogServer('test/breaks-batch', { tools: [tool, tool] }),
      catalogServer('test/never-reached'),
    ];
    await expect(ctx.importer.apply({ records, skipped: [] }, { source: 'test', batchSize: 2 })).rejects.toThrow();
    expect(await ctx.repository.findById('test/committed-first')).toBeDefined();
    expect(await ctx.repository.findById('test/committed-second')).toBeDefined();
    for (const id of ['test/in-failing-batch', 'test/breaks-batch', 'test/never-reached']) expect(await ctx.repository.findById(id)).toBeUndefined();
    expect(await ctx.prisma.mcpTool.count({ where: { serverId: { in: ['test/in-failing-batch', 'test/breaks-batch'] } } })).toBe(0);
    expect(ctx.indexer.indexed).toEqual([['test/committed-first', 'test/committed-second']]);
    expect(await ctx.prisma.mcpServer.count()).toBe(before + 2);
    await ctx.repository.removeServers(['test/committed-first', 'test/committed-second']);
  });

  it('fails cleanly on a file that is not JSON and writes nothing', async () => {
    const dir = seedCopy();
    writeFileSync(join(dir, 'config.json'), '{"mcpServers": {"oops": ');
    const before = await ctx.prisma.mcpServer.count();
    const error = await ctx.importer.importPath(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogImportFailed);
    expect((error as Error).message).toMatch(/config\.json is not valid JSON/);
    expect(await ctx.prisma.mcpServer.count()).toBe(before);
    expect(ctx.indexer.indexed).toEqual([]);
  });

  it('skips a record with bytes that are not UTF-8 and imports the rest', async () => {
    const dir = seedCopy();
    const good = JSON.stringify({ id: 'test/utf8-good', name: 'Good', tools: [] });
    const bad = Buffer.concat([Buffer.from('{"id": "test/utf8-bad", "name": "Caf'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    writeFileSync(join(dir, 'servers.json'), Buffer.concat([Buffer.from(`{"servers": [${good}, `), bad, Buffer.from(']}')]));
    writeFileSync(join(dir, 'config.json'), '{"mcpServers": {}}');
    writeFileSync(join(dir, 'credinfo.json'), '{"credential_instructions": {}}');
    const report = await ctx.importer.importPath(dir);
    expect(report).toMatchObject({ added: 1, skipped: [{ id: 'test/utf8-bad', reason: 'contains bytes that are not valid UTF-8' }] });
    expect(await ctx.repository.findById('test/utf8-good')).toBeDefined();
  });
});
