import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { Expects, Sensitive } from '../env-metadata';
import { ToInt, Trimmed } from '../env-transforms';

/** Catalog search embeddings: the local in-process provider, or OpenAI when a key is set. */
export class SearchEnv {
  @Trimmed() @IsOptional() @IsString() @MinLength(1)
  @Sensitive()
  @Expects('an OpenAI API key (unset: the local in-process embedding provider)')
  OPENAI_API_KEY?: string;

  @Trimmed() @IsOptional() @Matches(/^https?:\/\/[^\s]+$/)
  @Expects('the base URL of the OpenAI API such as https://api.openai.com/v1 (unset: the SDK default)')
  OPENAI_BASE_URL?: string;

  @Trimmed() @IsIn(['auto', 'local', 'openai'])
  @Expects('which embedding provider catalog search uses: auto (OpenAI when OPENAI_API_KEY is set), local or openai')
  CATALOG_EMBEDDINGS = 'auto';

  @ToInt() @IsInt() @Min(1) @Max(2048)
  @Expects('texts per OpenAI embeddings request, between 1 and 2048')
  OPENAI_EMBEDDING_BATCH = 256;

  @ToInt() @IsInt() @Min(0) @Max(10)
  @Expects('retries of an embeddings request on 429/5xx/timeouts (with backoff), between 0 and 10')
  OPENAI_EMBEDDING_MAX_RETRIES = 4;

  @Trimmed() @IsIn(['hnsw', 'exact'])
  @Expects('how the vector stage scans: hnsw (the approximate index) or exact (a full scan; the benchmarks baseline)')
  CATALOG_VECTOR_SCAN = 'hnsw';

  @ToInt() @IsInt() @Min(0) @Max(3_600_000)
  @Expects('how often (ms) a search checks whether another process changed the catalog on PostgreSQL, between 0 (never) and 3600000')
  CATALOG_VERSION_CHECK_MS = 1000;
}
