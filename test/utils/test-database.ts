import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DatabaseConnection, DatabaseMode } from '../../src/database/database-connection';
import { openEmbeddedDatabase } from '../../src/database/embedded-database';
import { openPostgresDatabase, type PostgresOptions } from '../../src/database/postgres-database';
import { postgresTemplateName, readEmbeddedTemplate, withDatabase } from './database-templates';

/** The database modes this run covers: always embedded, PostgreSQL too when TEST_DATABASE_URL is set. */
export function databaseModes(): DatabaseMode[] {
  return process.env.TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];
}

/** A fresh, migrated, empty database of the given mode, private to the caller (`pool` sizes PostgreSQL's pool). */
export async function openTestDatabase(mode: DatabaseMode, pool: Partial<Pick<PostgresOptions, 'poolMax' | 'poolMin' | 'idleTimeoutMs'>> = {}): Promise<DatabaseConnection> {
  if (mode === 'embedded') {
    return openEmbeddedDatabase({ dataDir: 'memory://test', loadDataDir: readEmbeddedTemplate() });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `dmcp_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${postgresTemplateName()}"`);
  } finally {
    await admin.end();
  }
  const connection = await openPostgresDatabase({ url: withDatabase(url, name), poolMax: 5, connectTimeoutMs: 5000, statementTimeoutMs: 30_000, ...pool });
  return {
    ...connection,
    mode: connection.mode,
    location: connection.location,
    adapter: connection.adapter,
    sql: connection.sql,
    close: async () => {
      await connection.close();
      const dropper = new Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => dropper.end());
    },
  };
}

/**
 * Runs a describe block once per database mode, with a fresh database for the block:
 * `describeEachDatabase('sessions repository', (db) => { it(..., () => db().sql...) })`.
 */
export function describeEachDatabase(name: string, body: (db: () => DatabaseConnection, mode: DatabaseMode) => void): void {
  for (const mode of databaseModes()) {
    describe(`${name} [${mode}]`, () => {
      let connection: DatabaseConnection | undefined;
      beforeAll(async () => {
        connection = await openTestDatabase(mode);
      });
      afterAll(async () => {
        await connection?.close();
      });
      body(() => {
        if (!connection) throw new Error('database not open yet');
        return connection;
      }, mode);
    });
  }
}
