import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/** Plain SQL access below Prisma: migrations, start-up checks and (PostgreSQL only) the search candidate queries. */
export interface SqlExecutor {
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `work` on one connection while holding a cross-process lock (no-op where there is one process). */
  withExclusiveLock<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T>;
}

export type DatabaseMode = 'embedded' | 'postgres';

/** An open database: what Prisma needs (the adapter factory) and what start-up needs (SQL access). */
export interface DatabaseConnection {
  readonly mode: DatabaseMode;
  /** Where the data lives, safe to log (no password). */
  readonly location: string;
  readonly adapter: SqlMigrationAwareDriverAdapterFactory;
  readonly sql: SqlExecutor;
  /** Connections the pool keeps open when idle (0 for the embedded database's single connection). */
  readonly keptConnections: number;
  close(): Promise<void>;
}

export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');
