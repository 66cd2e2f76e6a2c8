import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Expects, Sensitive } from '../env-metadata';
import { ToBool, ToInt, Trimmed } from '../env-transforms';

/** The credentials vault: master keys, time to live, file limits and live validation. */
export class CredentialsEnv {
  @Trimmed() @IsOptional() @IsString()
  @Matches(/^[A-Za-z0-9_.-]+:[A-Za-z0-9+/=_-]+(\s*,\s*[A-Za-z0-9_.-]+:[A-Za-z0-9+/=_-]+)*$/)
  @Sensitive()
  @Expects('a comma-separated keyring `v2:<base64 32 bytes>,v1:<base64 32 bytes>`, newest first (unset: generated under DATA_DIR in embedded mode; required with DATABASE_URL)')
  ENCRYPTION_KEYS?: string;

  @ToInt() @IsInt() @Min(1) @Max(3650)
  @Expects('the default lifetime of a stored credential in days, between 1 and 3650')
  CREDENTIAL_TTL_DAYS = 30;

  @ToInt() @IsInt() @Min(1) @Max(3650)
  @Expects('the longest lifetime a request may ask for, in days, between 1 and 3650')
  CREDENTIAL_MAX_TTL_DAYS = 365;

  @ToInt() @IsInt() @Min(1024) @Max(16 * 1024 * 1024)
  @Expects('the largest credential file in bytes (decoded), between 1024 and 16777216')
  CREDENTIAL_FILE_MAX_BYTES = 1024 * 1024;

  @ToInt() @IsInt() @Min(1) @Max(50)
  @Expects('how many credential files one request may carry, between 1 and 50')
  CREDENTIAL_FILE_MAX_COUNT = 5;

  @ToBool() @IsBoolean()
  @Expects('true or false: check every stored credential by launching its MCP server')
  CREDENTIAL_LIVE_VALIDATION = false;

  @ToInt() @IsInt() @Min(500) @Max(300_000)
  @Expects('milliseconds a live credential check may take, between 500 and 300000')
  CREDENTIAL_VALIDATION_TIMEOUT_MS = 20_000;

  @ToInt() @IsInt() @Min(1000) @Max(86_400_000)
  @Expects('milliseconds between purges of expired credentials, between 1000 and 86400000')
  CREDENTIAL_PURGE_INTERVAL_MS = 3_600_000;
}
