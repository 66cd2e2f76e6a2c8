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

  @ToInt() @IsInt() @Min(100) @Max(120_000)
  @Expects('milliseconds to wait for a PostgreSQL connection, between 100 and 120000')
  DATABASE_CONNECT_TIMEOUT_MS = 5000;

  @ToInt() @IsInt() @Min(100) @Max(600_000)
  @Expects('milliseconds a single SQL statement may run on PostgreSQL, between 100 and 600000')
  DATABASE_STATEMENT_TIMEOUT_MS = 30_000;
}
