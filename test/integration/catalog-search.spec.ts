import { AppConfig } from '../../src/config/app-config';
import { postgresErrorCode } from '../../src/database/database.errors';
import { CatalogSearchIndexer } from '../../src/modules/mcp-catalog/catalog-search.indexer';
import { CatalogSearchRepository, HNSW_INDEXES } from '../../src/modules/mcp-catalog/catalog-search.repository';
import { buildTsquery, CatalogSearchService } from '../../src/modules/mcp-catalog/catalog-search.service';
import { CatalogImportService } from '../../src/modules/mcp-catalog/catalog-import.service';
import { STARTER_SOURCE, starterCatalogDir } from '../../src/modules/mcp-catalog/starter-catalog';
import { createLexiconExpander } from '../../src/modules/mcp-catalog/search/query-expander';
import { understandQuery } from '../../src/modules/mcp-catalog/search/query-understanding';
import { ANALYZER_VERSION } from '../../src/modules/mcp-catalog/search/text-analyzer';
import { catalogContext, catalogServer } from '../factories/catalog.factory';
import { describeEachDatabase } from '../utils/test-database';

const SLACK = 'github.com/modelcontextprotocol/servers/src/slack';
const GITHUB = 'github.com/github/github-mcp-server';
const WEATHER = 'io.github.isdaniel/mcp_weather_server';
const GMAIL = 'io.github.gongrzhe/gmail-mcp-server';
const SHEETS = 'io.github.xing5/mcp-google-sheets';
const PUPPETEER = 'github.com/modelcontextprotocol/servers/src/puppeteer';
const LOCAL_MODEL = 'local-hash-tfidf-v1-d384-idf';

describeEachDatabase('catalog search', (db) => {
  let ctx: ReturnType<typeof catalogContext>;
  let repo: CatalogSearchRepository;
  let indexer: CatalogSearchIndexer;
  let search: CatalogSearchService;
  let importer: CatalogImportService;
  const config = new AppConfig({ DATA_DIR: 'memory://unused' });
  const analyse = (text: string) => understandQuery(text, createLexiconExpander());
  const newIndexer = () => new CatalogSearchIndexer(repo, config);

  beforeAll(async () => {
    ctx = catalogContext(db());
    repo = new CatalogSearchRepository(ctx.prisma);
    indexer = newIndexer();
    importer = new CatalogImportService(ctx.repository, indexer);
    search = new CatalogSearchService(indexer, repo, config);
    await importer.importPath(starterCatalogDir(), { source: STARTER_SOURCE, batchSize: 25 });
    await indexer.settle();
  });
  afterAll(async () => {
    await indexer.settle();
    await ctx.prisma.$disconnect();
  });

  it('indexes every server: a search document and one vector of the local model each, with stats kept', async () => {
    const coverage = await repo.countCoverage(LOCAL_MODEL);
    expect(coverage.servers).toBeGreaterThanOrEqual(50);
    expect(coverage.vectors).toBe(coverage.servers);
    expect(await repo.idsMissingSearchDocument()).toEqual([]);
    expect(await repo.readState('corpus_stats')).toMatchObject({ serverCount: coverage.servers, fingerprint: expect.any(String) });
    expect((await indexer.snapshot()).vectorsReady).toBe(true);
  });

  it('a process that reads the stored stats has the name frequencies too (they are not stored)', async () => {
    const stored = (await repo.readState('corpus_stats')) as Record<string, unknown>;
    expect(stored).not.toHaveProperty('nameDf');
    const { stats } = await newIndexer().snapshot();
    expect(stats.serverCount).toBe(stored.serverCount);
    // The starter catalog names one Slack server and mentions Slack in others' texts.
    expect(stats.nameDf.get('slack')).toBeGreaterThanOrEqual(1);
    expect(stats.nameDf.get('slack')).toBeLessThanOrEqual(stats.serverDf.get('slack') ?? 0);
  });

  it('leaves no full-text index entries pending after indexing (searches would scan them all until autovacuum ran)', async () => {
    const [row] = await ctx.prisma.$queryRaw<Array<{ pages: number }>>`SELECT gin_clean_pending_list('mcp_servers_search_document_idx'::regclass)::int AS pages`;
    expect(row?.pages).toBe(0);
  });

  it('on PostgreSQL, a role that does not own the full-text index gets the SQLSTATE the merge leaves to autovacuum', async () => {
    if (db().mode !== 'postgres') return;
    // Roles are cluster-wide: parallel test files may create this one at the same time.
    await ctx.prisma.$executeRawUnsafe(`DO $$ BEGIN CREATE ROLE dmcp_test_not_owner NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    const error: unknown = await ctx.prisma
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe('SET LOCAL ROLE dmcp_test_not_owner');
        await tx.$queryRaw`SELECT gin_clean_pending_list('mcp_servers_search_document_idx'::regclass)::int AS pages`;
      })
      .then(() => undefined, (e: unknown) => e);
    expect(postgresErrorCode(error)).toBe('42501');
    await expect(repo.mergeFullTextPending()).resolves.toBe(true);
  });

  it('full-text stage: a weighted OR tsquery finds the server named in the request', async () => {
    const snap = await indexer.snapshot();
    const ids = await repo.fullTextCandidates(buildTsquery(analyse('post a message to a slack channel'), snap.stats), 200, {});
    expect(ids[0]).toBe(SLACK);
  });

  it('vector stage: the nearest local vector to a weather request is the weather server', async () => {
    const snap = await indexer.snapshot();
    const vector = await snap.embedder.embedQuery(analyse('weather forecast for a city'));
    for (const exact of [false, true]) {
      const ids = await repo.vectorCandidates({ model: snap.embedder.model, dimensions: 384, vector, limit: 5, exact }, {});
      expect(ids[0]).toBe(WEATHER);
    }
  });

  it('vector stage: returns more rows than pgvector\'s default ef_search (40), with and without raising it per query', async () => {
    const snap = await indexer.snapshot();
    const vector = await snap.embedder.embedQuery(analyse('send a message'));
    const { servers } = await repo.countCoverage(LOCAL_MODEL);
    for (const limit of [200, 500]) {
      const ids = await repo.vectorCandidates({ model: snap.embedder.model, dimensions: 384, vector, limit, exact: false }, {});
      expect(ids.length).toBeGreaterThan(40);
      expect(ids.length).toBeLessThanOrEqual(Math.min(limit, servers));
    }
  });

  it('finds a server through its tool and explains the match', async () => {
    const { hits } = await search.search({ text: 'open a pull request', limit: 5 });
    expect(hits[0]?.server.id).toBe(GITHUB);
    expect(hits[0]?.matchedTools.map((t) => t.name)).toContain('create_pull_request');
    expect(hits[0]?.matchedFields).toEqual(expect.arrayContaining(['tools']));
    expect(hits[0]?.reason).toMatch(/create_pull_request/);
    expect(hits[0]?.server.credentials.length).toBeGreaterThan(0);
  });

  it('reads "github" as the product it names (registry prefixes in ids are stripped, not the word)', async () => {
    const { hits } = await search.search({ text: 'github notifications', limit: 3 });
    expect(hits[0]?.server.id).toBe(GITHUB);
    expect(hits[0]?.matchedFields).toContain('name');
  });

  it('ranks the named product\'s own server above a hub that can be set up to do the same', async () => {
    // The starter's Zapier entry lists no example actions: they matched every Gmail, Sheets or Slack request.
    const { hits } = await search.search({ text: 'add a row to a google sheet', limit: 3 });
    expect(hits[0]?.server.id).toBe(SHEETS);
  });

  it('ranks the product a short request names above another product\'s tool for the same action', async () => {
    // Playwright's browser_take_screenshot matches "take a screenshot" word for word.
    const { hits } = await search.search({ text: 'Take a screenshot with Puppeteer', limit: 3 });
    expect(hits[0]?.server.id).toBe(PUPPETEER);
  });

  it('understands an indirect product name', async () => {
    const { hits } = await search.search({ text: 'write an email in google mail', limit: 3 });
    expect(hits.map((h) => h.server.id)).toContain(GMAIL);
  });

  it('reads a misspelt product name as the product', async () => {
    const { hits } = await search.search({ text: 'post a mesage to slakc', limit: 3 });
    expect(hits[0]?.server.id).toBe(SLACK);
    expect(hits[0]?.matchedFields).toContain('name');
  });

  it('finds nothing for words no server uses, rather than servers whose hashed vectors collide with them', async () => {
    expect((await search.search({ text: 'zzqxv qwxzzk', limit: 10 })).hits).toEqual([]);
  });

  it('restricts results to serverIds and to a category', async () => {
    const pool = [WEATHER, GITHUB];
    const { hits } = await search.search({ text: 'post a message to a slack channel', limit: 10, serverIds: pool });
    expect(hits.every((h) => pool.includes(h.server.id))).toBe(true);
    expect((await search.search({ text: 'slack', limit: 10, serverIds: [] })).hits).toEqual([]);
    const chat = await search.search({ text: 'send a message', limit: 10, category: 'weather' });
    expect(chat.hits.map((h) => h.server.id)).toEqual(chat.hits.length ? [WEATHER] : []);
    await expect(search.search({ text: 'slack', limit: 10, category: 'no-such-category' })).rejects.toMatchObject({ code: 'CATALOG_SEARCH_UNKNOWN_CATEGORY', status: 400 });
  });

  it('never compares vectors of another model', async () => {
    const snap = await indexer.snapshot();
    const vector = await snap.embedder.embedQuery(analyse('weather forecast for a city'));
    // A foreign model's vector identical to the query would be the nearest of all if it were compared.
    await repo.writeEmbeddings('foreign-model-v1', 384, [{ id: GMAIL, vector }]);
    for (const exact of [false, true]) {
      const ids = await repo.vectorCandidates({ model: LOCAL_MODEL, dimensions: 384, vector, limit: 200, exact }, {});
      expect(ids.filter((id) => id === GMAIL)).toHaveLength(1);
      expect(ids[0]).toBe(WEATHER);
    }
    const foreign = await repo.vectorCandidates({ model: 'foreign-model-v1', dimensions: 384, vector, limit: 200, exact: true }, {});
    expect(foreign).toEqual([GMAIL]);
  });

  it('uses the partial HNSW index for the model (and not for the exact baseline)', async () => {
    const vector = new Array(384).fill(0).map((_, i) => (i % 7) / 7);
    const plan = await repo.explainVectorCandidates({ model: LOCAL_MODEL, dimensions: 384, vector, limit: 200, exact: false }, {}, { sortOff: true });
    expect(plan).toContain(HNSW_INDEXES[LOCAL_MODEL]?.name);
    const exact = await repo.explainVectorCandidates({ model: LOCAL_MODEL, dimensions: 384, vector, limit: 200, exact: true }, {}, { sortOff: true });
    expect(exact).not.toContain('hnsw_idx');
    expect(exact).toContain('Sort');
    const openai = await repo.explainVectorCandidates({ model: 'text-embedding-3-small', dimensions: 1536, vector: new Array(1536).fill(0.01), limit: 10, exact: false }, {}, { sortOff: true });
    expect(openai).toContain(HNSW_INDEXES['text-embedding-3-small']?.name);
  });

  it('re-embeds everything when corpus stats change, and only missing vectors otherwise', async () => {
    const before = await repo.readState('corpus_stats') as { fingerprint: string };
    await ctx.repository.writeBatch([{ server: catalogServer('test/zebra-tracker', { name: 'Zebra tracker', description: 'Track zebra herds on the savanna' }), hash: 'h1' }], [], []);
    await indexer.indexServers(['test/zebra-tracker']);
    const report = await indexer.refresh();
    expect(report).toMatchObject({ statsChanged: true, model: LOCAL_MODEL });
    expect(report.embedded).toBe(report.servers);
    expect(((await repo.readState('corpus_stats')) as { fingerprint: string }).fingerprint).not.toBe(before.fingerprint);
    expect((await search.search({ text: 'zebra herds', limit: 1 })).hits[0]?.server.id).toBe('test/zebra-tracker');
    expect(await indexer.refresh()).toMatchObject({ statsChanged: false, embedded: 0 });
    expect((await indexer.refresh({ force: true })).embedded).toBe(report.servers);
  });

  it('answers full-text only while vectors are missing, says so, and fills them in the background', async () => {
    await ctx.prisma.$executeRawUnsafe(`DELETE FROM "mcp_server_embeddings" WHERE "server_id" = '${SLACK}'`);
    const fresh = newIndexer();
    const service = new CatalogSearchService(fresh, repo, config);
    const { hits } = await service.search({ text: 'post a message to a slack channel', limit: 3 });
    expect(hits[0]?.server.id).toBe(SLACK);
    expect(hits[0]?.matchedFields).toContain('full_text_only');
    await fresh.settle();
    expect(await repo.idsMissingVector(LOCAL_MODEL)).toEqual([]);
    const after = await service.search({ text: 'post a message to a slack channel', limit: 3 });
    expect(after.hits[0]?.matchedFields).not.toContain('full_text_only');
    expect(after.hits[0]?.matchedFields).toContain('vector');
  });

  it('statistics stored by an earlier text analysis are not used: the next start recomputes them and re-embeds every server', async () => {
    const { analyzerVersion, ...older } = (await repo.readState('corpus_stats')) as Record<string, unknown>;
    expect(analyzerVersion).toBe(ANALYZER_VERSION);
    await repo.writeState('corpus_stats', older as never);
    // Every vector written on the way counts, row by row or in bulk.
    const written: number[] = [];
    const count = (method: 'writeEmbeddings' | 'writeEmbeddingsBulk') => {
      const original = repo[method].bind(repo);
      return jest.spyOn(repo, method).mockImplementation(async (model, dimensions, rows) => {
        written.push(rows.length);
        return original(model, dimensions, rows);
      });
    };
    const single = count('writeEmbeddings');
    const bulk = count('writeEmbeddingsBulk');
    try {
      const fresh = newIndexer();
      // Until the vectors match the analysis again, answers come from full text alone.
      expect((await fresh.snapshot()).vectorsReady).toBe(false);
      await fresh.settle();
      const { servers } = await repo.countCoverage(LOCAL_MODEL);
      expect(written.reduce((a, b) => a + b, 0)).toBe(servers);
      expect(await repo.readState('corpus_stats')).toMatchObject({ analyzerVersion: ANALYZER_VERSION });
      expect((await fresh.snapshot()).vectorsReady).toBe(true);
    } finally {
      single.mockRestore();
      bulk.mockRestore();
    }
  });

  it('a second process on the same PostgreSQL database picks up the other one\'s import after its version check', async () => {
    // Two indexers over one database stand for two processes (a CLI import beside the running service).
    if (db().mode === 'embedded') return; // one process per data directory: nothing to check
    const other = new CatalogSearchIndexer(repo, new AppConfig({ DATA_DIR: 'memory://unused', CATALOG_VERSION_CHECK_MS: '1' }));
    const otherSearch = new CatalogSearchService(other, repo, config);
    const query = { text: 'count narwhal pods in the arctic', limit: 3 };
    expect((await otherSearch.search(query)).hits.map((h) => h.server.id)).not.toContain('test/narwhal-counter');
    await other.settleVersionCheck();
    await ctx.repository.writeBatch([{ server: catalogServer('test/narwhal-counter', { name: 'Narwhal counter', description: 'Count narwhal pods in the arctic', credentials: [{ serverId: 'test/narwhal-counter', key: 'NARWHAL_TOKEN', kind: 'token', description: 'token', required: true, secret: true, format: 'string', steps: [] }] }), hash: 'n1' }], [], []);
    await indexer.indexServers(['test/narwhal-counter']);
    await indexer.refresh();
    await new Promise((r) => setTimeout(r, 5));
    // The first search after the change still answers from the old snapshot and starts the check.
    expect((await otherSearch.search(query)).hits.map((h) => h.server.id)).not.toContain('test/narwhal-counter');
    await other.settleVersionCheck();
    const { hits } = await otherSearch.search(query);
    expect(hits[0]?.server).toMatchObject({ id: 'test/narwhal-counter', credentials: [{ key: 'NARWHAL_TOKEN', required: true, secret: true }] });
  });

  it('does not reload its own refresh: the version it wrote is the one its snapshot carries', async () => {
    await indexer.refresh({ force: false });
    const mine = (await indexer.snapshot()).version;
    expect(mine).toEqual(expect.any(String));
    expect(await repo.readState('catalog_version')).toMatchObject({ token: mine });
  });
});
