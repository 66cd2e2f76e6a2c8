import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { openEmbeddedDatabase } from '../../src/database/embedded-database';
import { readMigrationFiles } from '../../src/database/migration-files';
import { applyMigrations } from '../../src/database/migration-runner';
import { openPostgresDatabase } from '../../src/database/postgres-database';

/** Templates are keyed by the migrations, so changing a migration builds fresh ones. */
export function schemaFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of readMigrationFiles()) hash.update(file.name).update(file.checksum);
  return hash.digest('hex').slice(0, 12);
}

export function embeddedTemplatePath(): string {
  return join(tmpdir(), 'dmcp-tests', `pglite-template-${schemaFingerprint()}.tar`);
}

export function postgresTemplateName(): string {
  return `dmcp_tpl_${schemaFingerprint()}`;
}

/** A migrated embedded database saved as a tarball: loading it takes a fraction of initdb's time. */
export async function ensureEmbeddedTemplate(): Promise<void> {
  const path = embeddedTemplatePath();
  if (existsSync(path)) return;
  mkdirSync(join(tmpdir(), 'dmcp-tests'), { recursive: true });
  const connection = await openEmbeddedDatabase({ dataDir: 'memory://template' });
  let dump: Blob;
  try {
    await applyMigrations(connection.sql, readMigrationFiles());
    dump = await connection.dumpDataDir();
  } finally {
    await connection.close();
  }
  const temp = `${path}.${process.pid}`;
  writeFileSync(temp, Buffer.from(await dump.arrayBuffer()));
  renameSync(temp, path);
}

export function readEmbeddedTemplate(): Blob {
  return new Blob([readFileSync(embeddedTemplatePath())]);
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A migrated PostgreSQL database that test databases are copied from (CREATE DATABASE ... TEMPLATE). */
export async function ensurePostgresTemplate(url: string): Promise<void> {
  const name = postgresTemplateName();
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return;
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const connection = await openPostgresDatabase({ url: withDatabase(url, name), poolMax: 2, connectTimeoutMs: 5000, statementTimeoutMs: 60_000 });
  try {
    await applyMigrations(connection.sql, readMigrationFiles());
  } finally {
    await connection.close();
  }
}
