import { IsBoolean, IsIn, IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { Expects } from '../env-metadata';
import { ToBool, ToInt, ToList, Trimmed } from '../env-transforms';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Process, HTTP and logging settings. */
export class CoreEnv {
  @Trimmed() @IsIn(['development', 'production', 'test'])
  @Expects('one of development, production, test')
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Trimmed() @IsString() @MinLength(1)
  @Expects('an interface address to listen on, e.g. 127.0.0.1 or 0.0.0.0')
  HOST = '127.0.0.1';

  @ToInt() @IsInt() @Min(0) @Max(65535)
  @Expects('an integer port between 0 and 65535 (0 picks a free port)')
  PORT = 3000;

  @Trimmed() @IsIn([...LOG_LEVELS])
  @Expects(`one of ${LOG_LEVELS.join(', ')}`)
  LOG_LEVEL: LogLevel = 'info';

  @Trimmed() @IsIn(['auto', 'json', 'pretty'])
  @Expects('auto (pretty on a terminal, JSON otherwise), json or pretty')
  LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';

  @ToList() @IsString({ each: true })
  @Expects('a comma-separated list of allowed browser origins (empty: cross-origin requests refused)')
  CORS_ORIGINS: string[] = [];

  @ToInt() @IsInt() @Min(1024) @Max(64 * 1024 * 1024)
  @Expects('the largest accepted request body in bytes, between 1024 and 67108864')
  REQUEST_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

  @ToInt() @IsInt() @Min(100) @Max(600_000)
  @Expects('milliseconds a request may take before it is answered 503, between 100 and 600000')
  REQUEST_TIMEOUT_MS = 120_000;

  @ToBool() @IsBoolean()
  @Expects('true or false: serve Swagger UI at /docs and OpenAPI at /docs-json')
  SWAGGER_ENABLED = true;

  @ToBool() @IsBoolean()
  @Expects('true or false: trust X-Forwarded-* headers from a reverse proxy')
  TRUST_PROXY = false;
}
