import { DatabaseEnv } from '../config/env';
import { DatabaseConnection } from './database-connection';
import { openEmbeddedDatabase } from './embedded-database';
import { openPostgresDatabase } from './postgres-database';

/** PostgreSQL when DATABASE_URL is set, the embedded database under DATA_DIR otherwise. */
export function openDatabase(env: DatabaseEnv): Promise<DatabaseConnection> {
  if (env.DATABASE_URL) {
    return openPostgresDatabase({
      url: env.DATABASE_URL,
      poolMax: env.DATABASE_POOL_MAX,
      poolMin: env.DATABASE_POOL_MIN,
      idleTimeoutMs: env.DATABASE_POOL_IDLE_TIMEOUT_MS,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    });
  }
  return openEmbeddedDatabase({ dataDir: env.DATA_DIR });
}
