import { DatabaseConnection } from './database-connection';
import { DatabaseStartupError } from './database.errors';
import { MigrationFile, readMigrationFiles } from './migration-files';
import { applyMigrations, migrationStatus } from './migration-runner';

/**
 * Brings an open database to a usable state. The embedded database migrates itself (it belongs to
 * this process); a PostgreSQL server is migrated by an operator (`npm run db:migrate`), so the
 * service only checks it and refuses to start against a schema it does not expect.
 */
export async function prepareDatabase(
  connection: DatabaseConnection,
  files: MigrationFile[] = readMigrationFiles(),
): Promise<{ applied: string[] }> {
  if (connection.mode === 'embedded') return { applied: await applyMigrations(connection.sql, files) };
  await assertVectorExtension(connection);
  const status = await migrationStatus(connection.sql, files);
  const problems = [
    ...status.pending.map((name) => `${name} is pending`),
    ...status.failed.map((name) => `${name} failed earlier`),
    ...status.modified.map((name) => `${name} was changed after it was applied`),
  ];
  if (problems.length > 0) {
    throw new DatabaseStartupError(
      `The database at ${connection.location} is not at the expected schema: ${problems.join('; ')}. Run \`npm run db:migrate\` with the same DATABASE_URL.`,
    );
  }
  return { applied: [] };
}

async function assertVectorExtension(connection: DatabaseConnection): Promise<void> {
  const rows = await connection.sql.query<{ installed: boolean; available: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') AS installed,
            EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') AS available`,
  );
  const { installed, available } = rows[0] ?? { installed: false, available: false };
  if (installed) return;
  throw new DatabaseStartupError(
    available
      ? `The vector extension is available but not created in ${connection.location}. Run \`npm run db:migrate\` (it creates it) as a role allowed to CREATE EXTENSION.`
      : `The PostgreSQL server at ${connection.location} does not have the pgvector extension installed. Install pgvector (see scripts/provision-postgres.sh) or use the pgvector/pgvector image.`,
  );
}
