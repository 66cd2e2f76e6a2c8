import { randomUUID } from 'node:crypto';
import { SqlExecutor } from './database-connection';
import { MigrationFile } from './migration-files';

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed since: the database and the code disagree. */
  modified: string[];
  /** Migrations that started and did not finish (a crashed `prisma migrate deploy`). */
  failed: string[];
}

// The table Prisma Migrate keeps, created the same way so either tool can take over.
const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface HistoryRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

export async function migrationStatus(sql: SqlExecutor, files: MigrationFile[]): Promise<MigrationStatus> {
  const exists = await sql.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
  const rows = exists[0]?.present
    ? await sql.query<HistoryRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
      )
    : [];
  const byName = new Map(rows.map((row) => [row.migration_name, row]));
  const status: MigrationStatus = { applied: [], pending: [], modified: [], failed: [] };
  for (const file of files) {
    const row = byName.get(file.name);
    if (!row) status.pending.push(file.name);
    else if (!row.finished_at) status.failed.push(file.name);
    else if (row.checksum !== file.checksum) status.modified.push(file.name);
    else status.applied.push(file.name);
  }
  return status;
}

/**
 * Applies pending migrations in order, each in its own transaction together with its history row,
 * under an exclusive lock so two instances starting at once do not both migrate.
 */
export async function applyMigrations(sql: SqlExecutor, files: MigrationFile[]): Promise<string[]> {
  return sql.withExclusiveLock(async (locked) => {
    await locked.exec(CREATE_HISTORY_TABLE);
    const status = await migrationStatus(locked, files);
    if (status.failed.length || status.modified.length) {
      throw new Error(
        `Refusing to migrate: ${[...status.failed.map((n) => `${n} (failed earlier)`), ...status.modified.map((n) => `${n} (changed after it was applied)`)].join(', ')}`,
      );
    }
    const applied: string[] = [];
    for (const file of files.filter((f) => status.pending.includes(f.name))) {
      const record = `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
        VALUES ('${randomUUID()}', '${file.checksum}', now(), '${file.name.replace(/'/g, "''")}', 1);`;
      await locked.exec(`BEGIN;\n${file.sql}\n;\n${record}\nCOMMIT;`).catch(async (error: unknown) => {
        await locked.exec('ROLLBACK').catch(() => undefined);
        throw new Error(`Migration ${file.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      });
      applied.push(file.name);
    }
    return applied;
  });
}
