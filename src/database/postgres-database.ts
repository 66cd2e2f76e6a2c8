import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, PoolClient } from 'pg';
import { DatabaseConnection, SqlExecutor } from './database-connection';
import { DatabaseStartupError, redactConnectionUrl } from './database.errors';
import { SESSION_SETUP_SQL } from './session-settings';

// Prisma Migrate takes this advisory lock too, so our runner and `prisma migrate deploy` exclude each other.
const MIGRATION_LOCK_KEY = 72707369;

export interface PostgresOptions {
  url: string;
  poolMax: number;
  /** Idle connections up to this many (at most poolMax) are never closed (see DatabaseEnv.DATABASE_POOL_MIN). */
  poolMin?: number;
  idleTimeoutMs?: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
}

function clientExecutor(client: Pool | PoolClient, pool: Pool): SqlExecutor {
  const executor: SqlExecutor = {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await client.query(sql, params)).rows as T[],
    withExclusiveLock: async (work) => {
      const dedicated = await pool.connect();
      try {
        await dedicated.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        return await work(clientExecutor(dedicated, pool));
      } finally {
        await dedicated.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        dedicated.release();
      }
    },
  };
  return executor;
}

export async function openPostgresDatabase(options: PostgresOptions): Promise<DatabaseConnection> {
  const location = redactConnectionUrl(options.url);
  const kept = Math.min(options.poolMin ?? 0, options.poolMax);
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolMax,
    min: kept,
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMillis: options.idleTimeoutMs } : {}),
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    // Awaited before the client is handed out; a failure ends that client and fails its first query.
    onConnect: async (client) => {
      await client.query(SESSION_SETUP_SQL);
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseStartupError(`Cannot reach PostgreSQL at ${location}: ${reason}`);
  }
  return {
    mode: 'postgres',
    location,
    adapter: new PrismaPg(pool),
    sql: clientExecutor(pool, pool),
    keptConnections: kept,
    close: () => pool.end(),
  };
}
