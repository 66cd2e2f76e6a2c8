import { catalogContext } from '../factories/catalog.factory';
import { sharedCatalogPresent, SHARED_CATALOG_DIR } from '../factories/registry-fixture';
import { describeEachDatabase } from '../utils/test-database';

// Without ../shared/catalog the suite still registers a (skipped) test: jest fails a file with none.
const run = sharedCatalogPresent()
  ? describeEachDatabase
  : (name: string) => describe(name, () => it.skip(`skipped: no shared catalog at ${SHARED_CATALOG_DIR}`, () => undefined));
const LONG = 240_000;

run('importing the real shared catalog', (db) => {
  let ctx: ReturnType<typeof catalogContext>;
  beforeAll(() => {
    ctx = catalogContext(db());
  });
  afterAll(() => ctx.prisma.$disconnect());

  it(
    'imports all 8,818 servers with their children, then re-imports them as unchanged',
    async () => {
      const first = await ctx.importer.importPath(SHARED_CATALOG_DIR);
      expect(first).toEqual({ added: 8818, updated: 0, unchanged: 0, removed: 0, skipped: [] });
      expect(ctx.indexer.indexed.flat()).toHaveLength(8818);
      const stats = await ctx.service.stats();
      expect(stats).toMatchObject({ servers: 8818, launch_options: 4652, servers_with_launch_options: 4652, by_source: [{ source: `seed:${SHARED_CATALOG_DIR}`, servers: 8818 }] });
      // 11,200 listed tools, three of them listed twice by their server.
      expect(stats.tools).toBe(11_197);
      expect(stats.credential_requirements).toBeGreaterThan(2000);

      ctx.indexer.reset();
      const second = await ctx.importer.importPath(SHARED_CATALOG_DIR);
      expect(second).toEqual({ added: 0, updated: 0, unchanged: 8818, removed: 0, skipped: [] });
      expect(ctx.indexer.indexed).toEqual([]);
    },
    LONG,
  );
});
