import { CatalogSyncFailed } from '../../src/modules/mcp-catalog/catalog.errors';
import { CatalogSyncStateRepository } from '../../src/modules/mcp-catalog/catalog-sync-state.repository';
import { catalogContext } from '../factories/catalog.factory';
import { FakeRegistry, meta, registryEntriesFromSharedCatalog, sharedCatalogPresent, SHARED_CATALOG_DIR } from '../factories/registry-fixture';
import { describeEachDatabase } from '../utils/test-database';

// Without ../shared/catalog the suite still registers a (skipped) test: jest fails a file with none.
const run = sharedCatalogPresent()
  ? describeEachDatabase
  : (name: string) => describe(name, () => it.skip(`skipped: no shared catalog at ${SHARED_CATALOG_DIR}`, () => undefined));

run('catalog registry sync', (db) => {
  let ctx: ReturnType<typeof catalogContext>;
  let registry: FakeRegistry;
  let baseUrl: string;

  beforeAll(async () => {
    ctx = catalogContext(db());
    registry = new FakeRegistry(registryEntriesFromSharedCatalog(120));
    baseUrl = await registry.start();
  });
  afterAll(async () => {
    await registry.stop();
    await ctx.prisma.$disconnect();
  });

  it('pages through everything on the first run, mapping env vars and remotes to requirements', async () => {
    const report = await ctx.sync.sync({ registryUrl: baseUrl, limit: 50 });
    expect(report).toMatchObject({ added: 120, updated: 0, unchanged: 0, removed: 0, skipped: [], pages: 3 });
    expect(registry.requests.map((q) => [q.get('cursor'), q.get('updated_since')])).toEqual([
      [null, null],
      ['50', null],
      ['100', null],
    ]);
    expect(report.highWaterMark).toBe('2026-01-01T00:01:59.000Z');
    const withEnv = registry.entries.find((e) => JSON.stringify(e.server).includes('environmentVariables":[{'))!;
    const stored = await ctx.service.getServer(String(withEnv.server.name));
    expect(stored.launchOptions[0]).toMatchObject({ transport: 'stdio' });
    expect(stored.credentials.length).toBeGreaterThan(0);
    const remote = registry.entries.find((e) => e.server.remotes)!;
    expect((await ctx.service.getServer(String(remote.server.name))).launchOptions[0].transport).toMatch(/sse|streamable-http/);
  });

  it('sends updated_since on the next run and applies changes and deletions', async () => {
    registry.requests.length = 0;
    const [changed, deleted] = [registry.entries[3], registry.entries[7]];
    changed.server = { ...changed.server, description: 'A newer description' };
    changed._meta = meta('active', '2026-02-01T00:00:00.000Z');
    deleted._meta = meta('deleted', '2026-02-02T00:00:00.000Z');
    const report = await ctx.sync.sync({ registryUrl: baseUrl, limit: 50 });
    expect(registry.requests.map((q) => q.get('updated_since'))).toEqual(['2026-01-01T00:01:59.000Z']);
    expect(report).toMatchObject({ added: 0, updated: 1, unchanged: 0, removed: 1, pages: 1, highWaterMark: '2026-02-02T00:00:00.000Z' });
    expect((await ctx.service.getServer(String(changed.server.name))).description).toBe('A newer description');
    await expect(ctx.service.getServer(String(deleted.server.name))).rejects.toMatchObject({ code: 'CATALOG_SERVER_NOT_FOUND' });
    expect(ctx.indexer.removed).toContainEqual([deleted.server.name]);

    registry.requests.length = 0;
    const idle = await ctx.sync.sync({ registryUrl: baseUrl, limit: 50 });
    expect(registry.requests.map((q) => q.get('updated_since'))).toEqual(['2026-02-02T00:00:00.000Z']);
    expect(idle).toMatchObject({ added: 0, updated: 0, unchanged: 0, removed: 0 });
  });

  it('retries a failing page with backoff and carries on when it recovers', async () => {
    const flaky = new FakeRegistry(registryEntriesFromSharedCatalog(30));
    // Requests 2 and 3 (both for page 2) fail; the third try of page 2 succeeds.
    flaky.failWhen = (query, attempt) => (query.get('cursor') === '10' && attempt <= 3 ? 503 : undefined);
    const url = await flaky.start();
    try {
      const report = await ctx.sync.sync({ registryUrl: url, limit: 10, retryDelayMs: 1 });
      expect(report).toMatchObject({ pages: 3, skipped: [] });
      // The same servers as the first run's, re-published in their original state: nothing lost, nothing doubled.
      expect(report.added + report.updated + report.unchanged).toBe(30);
      expect(flaky.requests.filter((q) => q.get('cursor') === '10')).toHaveLength(3);
    } finally {
      await flaky.stop();
    }
  });

  it('stops with a clear error after bounded retries, keeping committed pages and the old mark', async () => {
    const entries = registryEntriesFromSharedCatalog(140).slice(120);
    const broken = new FakeRegistry(entries);
    broken.failWhen = (query) => (query.get('cursor') === '10' ? 503 : undefined);
    const url = await broken.start();
    try {
      const error = await ctx.sync.sync({ registryUrl: url, limit: 10, maxAttempts: 3, retryDelayMs: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CatalogSyncFailed);
      expect((error as Error).message).toMatch(/Registry page 2 \(cursor 10\) failed after 3 attempt\(s\): HTTP 503/);
      expect(broken.requests.filter((q) => q.get('cursor') === '10')).toHaveLength(3);
      const firstPage = [...entries].sort((a, b) => String(a.server.name).localeCompare(String(b.server.name))).slice(0, 10);
      expect(await ctx.service.getServers(firstPage.map((e) => String(e.server.name)))).toHaveLength(10);
      expect(await new CatalogSyncStateRepository(ctx.prisma).find(`registry:${url}`)).toBeUndefined();
    } finally {
      await broken.stop();
    }
  });
});
