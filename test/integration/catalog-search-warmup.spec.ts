import { Client } from 'pg';
import { AppConfig } from '../../src/config/app-config';
import type { DatabaseConnection } from '../../src/database/database-connection';
import { CatalogSearchIndexer } from '../../src/modules/mcp-catalog/catalog-search.indexer';
import { CatalogSearchRepository } from '../../src/modules/mcp-catalog/catalog-search.repository';
import { CatalogSearchService } from '../../src/modules/mcp-catalog/catalog-search.service';
import { CatalogImportService } from '../../src/modules/mcp-catalog/catalog-import.service';
import { STARTER_SOURCE, starterCatalogDir } from '../../src/modules/mcp-catalog/starter-catalog';
import { catalogContext } from '../factories/catalog.factory';
import { openTestDatabase } from '../utils/test-database';

const postgresUrl = process.env.TEST_DATABASE_URL;
const KEPT = 3;
const IDLE_TIMEOUT_MS = 1000;

/** Backends connected to the test's own database, as PostgreSQL lists them. */
async function backendsOf(database: string): Promise<number> {
  const admin = new Client({ connectionString: postgresUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [database]);
    return rows[0]?.n ?? 0;
  } finally {
    await admin.end();
  }
}

(postgresUrl ? describe : describe.skip)('catalog search warm-up [postgres]', () => {
  let db: DatabaseConnection;
  let ctx: ReturnType<typeof catalogContext>;
  let search: CatalogSearchService;
  let indexer: CatalogSearchIndexer;
  let database: string;

  beforeAll(async () => {
    db = await openTestDatabase('postgres', { poolMax: 6, poolMin: KEPT, idleTimeoutMs: IDLE_TIMEOUT_MS });
    database = (await db.sql.query<{ d: string }>('SELECT current_database() AS d'))[0]?.d as string;
    ctx = catalogContext(db);
    const config = new AppConfig({ DATA_DIR: 'memory://unused' });
    const repo = new CatalogSearchRepository(ctx.prisma);
    indexer = new CatalogSearchIndexer(repo, config);
    search = new CatalogSearchService(indexer, repo, config);
    await new CatalogImportService(ctx.repository, indexer).importPath(starterCatalogDir(), { source: STARTER_SOURCE, batchSize: 25 });
    await indexer.settle();
  });
  afterAll(async () => {
    await indexer.settle();
    await ctx.prisma.$disconnect();
    await db.close();
  });

  it('opens the kept connections at once and keeps them through a quiet spell; extra ones close', async () => {
    expect(db.keptConnections).toBe(KEPT);
    await search.warmUp();
    // Connections the import opened beyond the kept ones close after the idle timeout; the kept ones stay.
    await new Promise((resolve) => setTimeout(resolve, IDLE_TIMEOUT_MS * 2.5));
    expect(await backendsOf(database)).toBe(KEPT);
    // A second warm-up reuses the kept connections (a query beside it may open one more, closed when idle).
    await search.warmUp();
    await new Promise((resolve) => setTimeout(resolve, IDLE_TIMEOUT_MS * 2.5));
    expect(await backendsOf(database)).toBe(KEPT);
    const { hits } = await search.search({ text: 'post a message to a slack channel', limit: 3 });
    expect(hits[0]?.server.name.toLowerCase()).toContain('slack');
  });
});
