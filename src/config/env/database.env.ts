import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { Expects, Sensitive } from '../env-metadata';
import { ToInt, Trimmed } from '../env-transforms';

/** Where the data lives: PostgreSQL when DATABASE_URL is set, embedded PGlite under DATA_DIR otherwise. */
export class DatabaseEnv {
  @Trimmed() @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/)
  @Sensitive()
  @Expects('a PostgreSQL connection URL such as postgresql://user:password@host:5432/db (unset: embedded database)')
  DATABASE_URL?: string;

  @Trimmed() @IsString() @MinLength(1)
  @Expects('a directory for the embedded database and generated keys')
  DATA_DIR = './data';

  @ToInt() @IsInt() @Min(1) @Max(200)
  @Expects('the PostgreSQL connection pool size, between 1 and 200')
  DATABASE_POOL_MAX = 10;

  /**
   * Connections kept open however long they sit idle, and warmed at start-up: a PostgreSQL backend's
   * first catalog search costs 25-50 ms more (relation caches, pgvector, text-search dictionaries), so a
   * quiet service whose connections were closed paid it on every search after a pause.
   */
  @ToInt() @IsInt() @Min(0) @Max(200)
  @Expects('PostgreSQL connections kept open and warm even when idle, between 0 and 200 (at most DATABASE_POOL_MAX)')
  DATABASE_POOL_MIN = 4;

  @ToInt() @IsInt() @Min(1000) @Max(86_400_000)
  @Expects('milliseconds an idle PostgreSQL connection above DATABASE_POOL_MIN stays open, between 1000 and 86400000')
  DATABASE_POOL_IDLE_TIMEOUT_MS = 60_000;

  @ToInt() @IsInt() @Min(100) @Max(120_000)
  @Expects('milliseconds to wait for a PostgreSQL connection, between 100 and 120000')
  DATABASE_CONNECT_TIMEOUT_MS = 5000;

  @ToInt() @IsInt() @Min(100) @Max(600_000)
  @Expects('milliseconds a single SQL statement may run on PostgreSQL, between 100 and 600000')
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;
}
