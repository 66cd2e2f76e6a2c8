import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { DatabaseConnection, SqlExecutor } from './database-connection';
import { DatabaseStartupError } from './database.errors';
import { acquireDataDirLock } from './data-dir-lock';
import { SESSION_SETUP_SQL } from './session-settings';

// PGlite ships as ESM with WebAssembly assets; load it lazily so the PostgreSQL mode never pays for it.
async function loadPglite(): Promise<{ PGlite: typeof PGlite; vector: unknown }> {
  const [core, pgvector] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-pgvector')]);
  return { PGlite: core.PGlite, vector: pgvector.vector };
}

function pgliteExecutor(pg: PGlite): SqlExecutor {
  const executor: SqlExecutor = {
    exec: async (sql) => {
      await pg.exec(sql);
    },
    query: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await pg.query<T>(sql, params)).rows,
    // One process owns the data directory (see data-dir-lock), so there is nobody to lock out.
    withExclusiveLock: (work) => work(executor),
  };
  return executor;
}

export interface EmbeddedOptions {
  /** Directory under which the database lives; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** A tarball from `dumpDataDir()` to start from instead of running initdb (fast test databases). */
  loadDataDir?: Blob;
}

export interface EmbeddedDatabaseConnection extends DatabaseConnection {
  /** The whole database as a tarball (backups, and test templates). */
  dumpDataDir(): Promise<Blob>;
}

export async function openEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabaseConnection> {
  const inMemory = options.dataDir.startsWith('memory://');
  const directory = inMemory ? options.dataDir : resolve(options.dataDir, 'pglite');
  let releaseLock = (): void => undefined;
  if (!inMemory) {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    releaseLock = acquireDataDirLock(resolve(options.dataDir));
  }
  try {
    const { PGlite: PGliteClass, vector } = await loadPglite();
    const pg = await PGliteClass.create({
      dataDir: directory,
      extensions: { vector: vector as never },
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    await pg.exec('CREATE EXTENSION IF NOT EXISTS vector');
    // PGlite is one session for the life of the process: set it up once.
    await pg.exec(SESSION_SETUP_SQL);
    return {
      mode: 'embedded',
      location: inMemory ? 'embedded (in memory)' : `embedded at ${directory}`,
      adapter: new PrismaPGlite(pg),
      sql: pgliteExecutor(pg),
      keptConnections: 0,
      dumpDataDir: () => pg.dumpDataDir('none'),
      close: async () => {
        await pg.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartupError(`Cannot open the embedded database at ${directory}: ${reason}`);
  }
}
