import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openEmbeddedDatabase } from '../../src/database/embedded-database';
import { prepareDatabase } from '../../src/database/database-startup';
import { DatabaseStartupError } from '../../src/database/database.errors';
import { readMigrationFiles } from '../../src/database/migration-files';
import { migrationStatus } from '../../src/database/migration-runner';
import { openPostgresDatabase } from '../../src/database/postgres-database';
import { PrismaService } from '../../src/database/prisma.service';
import { HNSW_EF_SEARCH, RANDOM_PAGE_COST } from '../../src/database/session-settings';
import { HealthRepository } from '../../src/modules/health/health.repository';
import { withDatabase } from '../utils/database-templates';
import { describeEachDatabase } from '../utils/test-database';

describeEachDatabase('data layer', (db, mode) => {
  let prisma: PrismaService;
  beforeAll(() => {
    prisma = new PrismaService(db());
  });
  afterAll(() => prisma.$disconnect());

  it('has every migration applied and none pending', async () => {
    const status = await migrationStatus(db().sql, readMigrationFiles());
    expect(status.pending).toEqual([]);
    expect(status.applied.length).toBeGreaterThan(0);
    await expect(prepareDatabase(db())).resolves.toEqual({ applied: [] });
  });

  it('reports its mode through a repository', async () => {
    const repository = new HealthRepository(prisma);
    expect(repository.mode()).toBe(mode);
    await expect(repository.ping(2000)).resolves.toBeUndefined();
  });

  it('round-trips Prisma models with arrays, JSON and cascading deletes', async () => {
    await prisma.mcpServer.create({
      data: { id: 'io.example/mail', name: 'Mail', categories: ['email'], source: 'test', contentHash: 'h', tools: { create: [{ name: 'send', position: 0 }] } },
    });
    const found = await prisma.mcpServer.findUnique({ where: { id: 'io.example/mail' }, include: { tools: true } });
    expect(found).toMatchObject({ name: 'Mail', categories: ['email'], tools: [{ name: 'send', description: '' }] });
    await prisma.mcpServer.delete({ where: { id: 'io.example/mail' } });
    expect(await prisma.mcpTool.count({ where: { serverId: 'io.example/mail' } })).toBe(0);
  });

  it('stores vectors and finds nearest neighbours by cosine distance', async () => {
    const vectors: Record<string, number[]> = { a: [1, 0, 0], b: [0.9, 0.1, 0], c: [0, 1, 0], d: [0, 0, 1] };
    for (const [id, embedding] of Object.entries(vectors)) {
      await prisma.mcpServer.create({ data: { id, name: id, categories: [], source: 'test', contentHash: id } });
      await prisma.$executeRaw`INSERT INTO mcp_server_embeddings (server_id, model, dimensions, embedding)
        VALUES (${id}, 'test-3d', 3, ${JSON.stringify(embedding)}::vector)`;
    }
    const back = await prisma.$queryRaw<{ embedding: string }[]>`SELECT embedding::text AS embedding FROM mcp_server_embeddings WHERE server_id = 'b'`;
    expect(JSON.parse(back[0].embedding)).toEqual([0.9, 0.1, 0]);
    const query = JSON.stringify([1, 0.05, 0]);
    const nearest = await prisma.$queryRaw<{ server_id: string; distance: number }[]>`
      SELECT server_id, (embedding::vector(3) <=> ${query}::vector(3))::float8 AS distance
      FROM mcp_server_embeddings WHERE model = 'test-3d' ORDER BY embedding::vector(3) <=> ${query}::vector(3) LIMIT 3`;
    expect(nearest.map((row) => row.server_id)).toEqual(['a', 'b', 'c']);
    expect(nearest[0].distance).toBeLessThan(nearest[2].distance);
  });

  it('starts every session with hnsw.ef_search raised and random_page_cost lowered, on each pooled connection', async () => {
    // Concurrent queries make the PostgreSQL pool open several connections.
    const rows = await Promise.all(Array.from({ length: 4 }, () =>
      prisma.$queryRaw<Array<{ ef: string; rpc: string; pid: number }>>`SELECT current_setting('hnsw.ef_search') AS ef,
        current_setting('random_page_cost') AS rpc, pg_backend_pid() AS pid, pg_sleep(0.05)::text AS _`));
    expect(new Set(rows.map(([row]) => row?.ef))).toEqual(new Set([String(HNSW_EF_SEARCH)]));
    expect(new Set(rows.map(([row]) => row?.rpc))).toEqual(new Set([String(RANDOM_PAGE_COST)]));
    if (mode === 'postgres') expect(new Set(rows.map(([row]) => row?.pid)).size).toBeGreaterThan(1);
  });

  it('rolls back an interactive transaction as a whole', async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.chatSession.create({ data: { id: '00000000-0000-4000-8000-000000000001', ownerId: 'u1' } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await prisma.chatSession.count({ where: { ownerId: 'u1' } })).toBe(0);
  });
});

describe('embedded database on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dmcp-embedded-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates itself, keeps data across restarts and refuses a second opener', async () => {
    const first = await openEmbeddedDatabase({ dataDir: dir });
    expect((await prepareDatabase(first)).applied.length).toBeGreaterThan(0);
    await first.sql.exec(`INSERT INTO catalog_sync_state (source, last_run_at) VALUES ('kept', now())`);
    await expect(openEmbeddedDatabase({ dataDir: dir })).rejects.toThrow(/in use by process/);
    await first.close();

    const second = await openEmbeddedDatabase({ dataDir: dir });
    expect(await prepareDatabase(second)).toEqual({ applied: [] });
    expect(await second.sql.query(`SELECT source FROM catalog_sync_state`)).toEqual([{ source: 'kept' }]);
    await second.close();
  });
});

const postgresUrl = process.env.TEST_DATABASE_URL;
(postgresUrl ? describe : describe.skip)('PostgreSQL start-up checks', () => {
  const url = postgresUrl as string;
  const name = `dmcp_bare_${process.pid}`;
  beforeAll(async () => {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
    await admin.end();
  });
  afterAll(async () => {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('refuses an unreachable server with a message that hides the password', async () => {
    const error = await openPostgresDatabase({ url: 'postgresql://app:s3cret-pw@127.0.0.1:1/db', poolMax: 1, connectTimeoutMs: 1000, statementTimeoutMs: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseStartupError);
    expect((error as Error).message).toMatch(/^Cannot reach PostgreSQL at postgresql:\/\/app:\*\*\*@127\.0\.0\.1:1\/db/);
    expect((error as Error).message).not.toContain('s3cret-pw');
  });

  it('refuses a database without the vector extension, then one with pending migrations', async () => {
    const connection = await openPostgresDatabase({ url: withDatabase(url, name), poolMax: 2, connectTimeoutMs: 5000, statementTimeoutMs: 5000 });
    try {
      await expect(prepareDatabase(connection)).rejects.toThrow(/vector extension is available but not created/);
      await connection.sql.exec('CREATE EXTENSION vector');
      await expect(prepareDatabase(connection)).rejects.toThrow(/20261122000000_init is pending.*npm run db:migrate/);
    } finally {
      await connection.close();
    }
  });
});
