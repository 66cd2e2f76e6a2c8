import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** prisma/migrations, found from both src/database (tests) and dist/database (built service). */
export function defaultMigrationsDir(): string {
  return resolve(__dirname, '..', '..', 'prisma', 'migrations');
}

/**
 * Reads migrations in Prisma's folder layout (`<timestamp>_<name>/migration.sql`), oldest first.
 * The checksum is the SHA-256 of the file, as Prisma records it, so `prisma migrate deploy` and
 * this runner agree on what has been applied.
 */
export function readMigrationFiles(dir = defaultMigrationsDir()): MigrationFile[] {
  if (!existsSync(dir)) throw new Error(`Migrations directory not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}
