import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../database/prisma.service';
import { postgresErrorCode } from '../../database/database.errors';
import { HNSW_EF_SEARCH } from '../../database/session-settings';
import type { CatalogSearchHit } from './catalog.types';
import type { SearchableServer } from './search/server-document';

/** Restricts candidates to a pool of ids and/or one category. */
export interface CandidateFilter {
  serverIds?: string[];
  category?: string;
}

export interface VectorQuery {
  model: string;
  dimensions: number;
  vector: number[];
  limit: number;
  /** Ordered by the raw distance, which no index covers: an exact scan (small pools, baselines). */
  exact: boolean;
}

/** The server columns both the re-ranker's documents and the shown hits are read from. */
interface ServerRowBase {
  id: string;
  name: string;
  description: string;
  categories: string[] | null;
  tools: Array<{ name: string; description: string | null }> | null;
  launchable: boolean;
}

interface HitRow extends ServerRowBase {
  credentials: Array<{ key: string; required: boolean; secret: boolean }> | null;
}

/** A server as the search snapshot keeps it: what ranking reads and what a hit shows. */
export interface SnapshotServer extends SearchableServer {
  readonly hit: CatalogSearchHit['server'];
}


/** The fields both row shapes map the same way (absent arrays and descriptions become empty). */
function baseFields(r: ServerRowBase) {
  return {
    id: r.id,
    name: r.name,
    description: r.description ?? '',
    categories: r.categories ?? [],
    tools: (r.tools ?? []).map((t) => ({ name: t.name, description: t.description ?? '' })),
  };
}

const WRITE_BATCH = 500;

/** The per-model HNSW indexes of migration 20261122043000_catalog_search, needed to rebuild them after bulk writes. */
export const HNSW_INDEXES: Readonly<Record<string, { name: string; dimensions: number }>> = {
  'local-hash-tfidf-v1-d384-idf': { name: 'mcp_server_embeddings_local_d384_hnsw_idx', dimensions: 384 },
  'text-embedding-3-small': { name: 'mcp_server_embeddings_openai_3_small_hnsw_idx', dimensions: 1536 },
};
/** insufficient_privilege (not the index's owner), read_only_sql_transaction (a standby). */
const MERGE_LEFT_TO_AUTOVACUUM: ReadonlySet<string> = new Set(['42501', '25006']);
const SAFE_MODEL = /^[A-Za-z0-9._:-]{1,100}$/;
const INDEX_BUILD_TIMEOUT_MS = 3_600_000;

/** pgvector's text form; 7 decimals keep float4 precision for unit vectors and halve the text to parse. */
export function vectorText(vector: readonly number[]): string {
  return `[${vector.map((x) => (Number.isFinite(x) ? Number(x.toFixed(7)) : 0)).join(',')}]`;
}

function filterSql(filter: CandidateFilter, idColumn: Prisma.Sql): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filter.serverIds) parts.push(Prisma.sql`AND ${idColumn} = ANY(${filter.serverIds}::text[])`);
  if (filter.category !== undefined) {
    parts.push(Prisma.sql`AND EXISTS (SELECT 1 FROM "mcp_servers" c WHERE c."id" = ${idColumn} AND ${filter.category} = ANY(c."categories"))`);
  }
  return parts.length ? Prisma.join(parts, ' ') : Prisma.empty;
}

/** The full-text candidate query (see CatalogSearchRepository.fullTextCandidates). */
export function fullTextCandidatesSql(tsquery: string, limit: number, filter: CandidateFilter): Prisma.Sql {
  return Prisma.sql`SELECT s."id" FROM "mcp_servers" s, to_tsquery('english', ${tsquery}) q
    WHERE s."search_document" @@ q ${filterSql(filter, Prisma.sql`s."id"`)}
    ORDER BY ts_rank(s."search_document", q, 0) DESC, s."id" LIMIT ${limit}`;
}

/**
 * The vector candidate query. The model id and dimension are inlined as literals (they are ours,
 * checked here, never user input) because the partial HNSW index is only usable when the planner
 * sees the same `model = '...'` predicate and `embedding::vector(N)` expression as the index. The
 * distance is the only sort key: a tie-breaker would need a sort above the index scan.
 */
export function vectorCandidatesSql(query: VectorQuery, filter: CandidateFilter): Prisma.Sql {
  if (!SAFE_MODEL.test(query.model)) throw new Error(`unsafe embedding model id: ${query.model}`);
  const dims = Prisma.raw(String(Math.trunc(query.dimensions)));
  const model = Prisma.raw(`'${query.model}'`);
  const q = vectorText(query.vector);
  const order = query.exact
    ? Prisma.sql`(e."embedding" <=> ${q}::vector)`
    : Prisma.sql`(e."embedding"::vector(${dims})) <=> ${q}::vector(${dims})`;
  return Prisma.sql`SELECT e."server_id" AS id FROM "mcp_server_embeddings" e
    WHERE e."model" = ${model} ${filterSql(filter, Prisma.sql`e."server_id"`)}
    ORDER BY ${order} LIMIT ${query.limit}`;
}

/** Raw-SQL access for catalog search: search documents, vectors, candidates and kept state. */
@Injectable()
export class CatalogSearchRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Embedded is one process; PostgreSQL may be shared by several (service instances, the CLI). */
  get mode(): PrismaService['mode'] {
    return this.prisma.mode;
  }

  /** Connections the pool keeps open when idle (0 on the embedded database). */
  get keptConnections(): number {
    return this.prisma.connection.keptConnections;
  }

  /** The search view of servers (all of them when `ids` is undefined), with what their hits show. */
  async loadSearchable(ids?: string[]): Promise<SnapshotServer[]> {
    const where = ids ? Prisma.sql`WHERE s."id" = ANY(${ids}::text[])` : Prisma.empty;
    const rows = await this.prisma.$queryRaw<HitRow[]>(Prisma.sql`
      SELECT s."id", s."name", s."description", s."categories",
        (SELECT json_agg(json_build_object('name', t."name", 'description', t."description") ORDER BY t."position")
           FROM "mcp_tools" t WHERE t."server_id" = s."id") AS tools,
        EXISTS (SELECT 1 FROM "mcp_launch_options" l WHERE l."server_id" = s."id") AS launchable,
        (SELECT json_agg(json_build_object('key', r."key", 'required', r."required", 'secret', r."secret") ORDER BY r."required" DESC, r."key")
           FROM "mcp_credential_requirements" r WHERE r."server_id" = s."id") AS credentials
      FROM "mcp_servers" s ${where} ORDER BY s."id"`);
    return rows.map((r) => {
      const base = baseFields(r);
      const credentials = r.credentials ?? [];
      return {
        ...base,
        hasLaunchConfig: r.launchable,
        credentialKeys: credentials.map((c) => c.key).sort(),
        hit: { ...base, credentials, launchable: r.launchable },
      };
    });
  }

  /** Writes the weighted tsvector (A..D texts per server) in batches. */
  async writeSearchDocuments(rows: Array<{ id: string; A: string; B: string; C: string; D: string }>): Promise<void> {
    for (let i = 0; i < rows.length; i += WRITE_BATCH) {
      const batch = rows.slice(i, i + WRITE_BATCH);
      await this.prisma.$executeRaw(Prisma.sql`
        UPDATE "mcp_servers" AS s SET "search_document" =
          setweight(to_tsvector('english', v.a), 'A') || setweight(to_tsvector('english', v.b), 'B') ||
          setweight(to_tsvector('english', v.c), 'C') || setweight(to_tsvector('english', v.d), 'D')
        FROM unnest(${batch.map((r) => r.id)}::text[], ${batch.map((r) => r.A)}::text[], ${batch.map((r) => r.B)}::text[],
                    ${batch.map((r) => r.C)}::text[], ${batch.map((r) => r.D)}::text[]) AS v(id, a, b, c, d)
        WHERE s."id" = v.id`);
    }
  }

  /** Upserts one vector per server for `model`; servers deleted meanwhile are skipped. */
  async writeEmbeddings(model: string, dimensions: number, rows: Array<{ id: string; vector: number[] }>): Promise<void> {
    for (let i = 0; i < rows.length; i += WRITE_BATCH) {
      const batch = rows.slice(i, i + WRITE_BATCH);
      await this.prisma.$executeRaw(Prisma.sql`
        INSERT INTO "mcp_server_embeddings" ("server_id", "model", "dimensions", "embedding")
        SELECT v.id, ${model}, ${dimensions}, v.e::vector
        FROM unnest(${batch.map((r) => r.id)}::text[], ${batch.map((r) => vectorText(r.vector))}::text[]) AS v(id, e)
        WHERE EXISTS (SELECT 1 FROM "mcp_servers" s WHERE s."id" = v.id)
        ON CONFLICT ("server_id", "model") DO UPDATE SET "embedding" = EXCLUDED."embedding", "dimensions" = EXCLUDED."dimensions", "created_at" = now()`);
    }
  }

  /**
   * Writes many vectors of one model with its HNSW index dropped and rebuilt afterwards: one bulk
   * build is several times faster than maintaining the graph row by row (most on the embedded
   * database). Searches meanwhile scan exactly, which is still correct.
   */
  async writeEmbeddingsBulk(model: string, dimensions: number, rows: Array<{ id: string; vector: number[] }>): Promise<void> {
    const index = HNSW_INDEXES[model];
    if (!index || !SAFE_MODEL.test(model)) return this.writeEmbeddings(model, dimensions, rows);
    const name = Prisma.raw(`"${index.name}"`);
    await this.prisma.$executeRaw(Prisma.sql`DROP INDEX IF EXISTS ${name}`);
    try {
      await this.writeEmbeddings(model, dimensions, rows);
    } finally {
      // A build over 100k vectors outlasts the statement timeout and, on PostgreSQL, wants the graph in memory.
      await this.prisma.$transaction(async (tx) => {
        await tx.$queryRaw(Prisma.sql`SELECT set_config('statement_timeout', '0', true)`);
        await tx.$queryRaw(Prisma.sql`SELECT set_config('maintenance_work_mem', ${this.prisma.mode === 'postgres' ? '1GB' : '64MB'}, true)`);
        await tx.$executeRaw(Prisma.sql`CREATE INDEX IF NOT EXISTS ${name} ON "mcp_server_embeddings"
          USING hnsw (("embedding"::vector(${Prisma.raw(String(index.dimensions))})) vector_cosine_ops) WITH (m = 12, ef_construction = 40)
          WHERE "model" = ${Prisma.raw(`'${model}'`)}`);
      }, { timeout: INDEX_BUILD_TIMEOUT_MS, maxWait: 60_000 });
    }
  }

  /** Fresh planner statistics after bulk changes, so the partial HNSW index is costed on real row counts. */
  async analyze(): Promise<void> {
    await this.prisma.$executeRaw(Prisma.sql`ANALYZE "mcp_servers", "mcp_server_embeddings"`);
  }

  /**
   * Moves the full-text index's pending entries (GIN fastupdate) into the index proper after bulk
   * writes. Until then every full-text query scans them all: on the embedded database (no
   * autovacuum) ~50 ms instead of ~8 ms a search at 8.8k servers; on PostgreSQL right after an
   * import (171 pending pages) 8-10 ms instead of ~1 ms for the full-text query, until autovacuum
   * gets to the table, which can be minutes. It needs the index's owner: a PostgreSQL role that is
   * not (or a read-only standby) leaves the merge to autovacuum, and the answer is false.
   */
  async mergeFullTextPending(): Promise<boolean> {
    try {
      await this.prisma.$queryRaw(Prisma.sql`SELECT gin_clean_pending_list('mcp_servers_search_document_idx'::regclass)::int AS pages`);
      return true;
    } catch (error) {
      const code = postgresErrorCode(error);
      if (this.prisma.mode === 'postgres' && code !== undefined && MERGE_LEFT_TO_AUTOVACUUM.has(code)) return false;
      throw error;
    }
  }

  async countCoverage(model: string): Promise<{ servers: number; vectors: number }> {
    const [row] = await this.prisma.$queryRaw<Array<{ servers: bigint | number; vectors: bigint | number }>>(Prisma.sql`
      SELECT (SELECT count(*) FROM "mcp_servers") AS servers,
             (SELECT count(*) FROM "mcp_server_embeddings" WHERE "model" = ${model}) AS vectors`);
    return { servers: Number(row?.servers ?? 0), vectors: Number(row?.vectors ?? 0) };
  }

  async idsMissingVector(model: string): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>(Prisma.sql`
      SELECT s."id" FROM "mcp_servers" s
      WHERE NOT EXISTS (SELECT 1 FROM "mcp_server_embeddings" e WHERE e."server_id" = s."id" AND e."model" = ${model})`);
    return rows.map((r) => r.id);
  }

  async idsMissingSearchDocument(): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>(Prisma.sql`SELECT "id" FROM "mcp_servers" WHERE "search_document" IS NULL`);
    return rows.map((r) => r.id);
  }

  /** Full-text candidates: an OR tsquery of lexemes, ranked by ts_rank with default weights, no length normalisation. */
  async fullTextCandidates(tsquery: string, limit: number, filter: CandidateFilter): Promise<string[]> {
    return this.candidateIds(fullTextCandidatesSql(tsquery, limit, filter));
  }

  /**
   * Runs one of the two candidate queries every search makes. On PostgreSQL it goes straight to the
   * pool Prisma uses: Prisma's raw-query path cost ~0.35 ms and ~60 KB of garbage per query (the two
   * together an eighth of a search's allocations, and young-generation pauses are a good part of the
   * p95). The embedded database has a single session, which Prisma's transactions share, so the
   * query keeps to Prisma's path there.
   */
  private async candidateIds(sql: Prisma.Sql): Promise<string[]> {
    const rows =
      this.prisma.mode === 'postgres'
        ? await this.prisma.connection.sql.query<{ id: string }>(sql.text, sql.values)
        : await this.prisma.$queryRaw<Array<{ id: string }>>(sql);
    return rows.map((r) => r.id);
  }

  /**
   * Opens `count` connections at once and runs both candidate queries on each, so the pool's kept
   * connections are warm before the first search: a PostgreSQL backend's first such queries load
   * relation caches, pgvector and the text-search dictionaries (25-50 ms). One transaction per
   * connection makes the `count` connections distinct.
   */
  async warmConnections(count: number, vector: VectorQuery, fullText: { tsquery: string; limit: number }): Promise<void> {
    const warm = () =>
      this.prisma.$transaction(async (tx) => {
        if (fullText.tsquery) await tx.$queryRaw(fullTextCandidatesSql(fullText.tsquery, fullText.limit, {}));
        await tx.$queryRaw(vectorCandidatesSql(vector, {}));
      });
    await Promise.all(Array.from({ length: count }, warm));
  }

  /**
   * Vector candidates of one model. HNSW returns at most `hnsw.ef_search` rows: sessions start with
   * enough for the usual limit (one round trip); a larger limit raises it in a transaction. An
   * exact scan uses no index, so no setting caps it.
   */
  async vectorCandidates(query: VectorQuery, filter: CandidateFilter): Promise<string[]> {
    if (query.exact || query.limit <= HNSW_EF_SEARCH) return this.candidateIds(vectorCandidatesSql(query, filter));
    const [, rows] = await this.prisma.$transaction([
      this.prisma.$queryRaw(Prisma.sql`SELECT set_config('hnsw.ef_search', ${String(query.limit)}, true)`),
      this.prisma.$queryRaw<Array<{ id: string }>>(vectorCandidatesSql(query, filter)),
    ]);
    return rows.map((r) => r.id);
  }

  /** The query plan of a vector candidate query (tests and benchmarks check the index is used). */
  async explainVectorCandidates(query: VectorQuery, filter: CandidateFilter, options: { sortOff?: boolean } = {}): Promise<string> {
    // With explicit sorts priced out, only an index that yields the distance order can serve the
    // query: on tiny test tables this proves the expression and predicate match the index.
    const [, rows] = await this.prisma.$transaction([
      this.prisma.$queryRaw(Prisma.sql`SELECT set_config('enable_sort', ${options.sortOff ? 'off' : 'on'}, true)`),
      this.prisma.$queryRaw<Array<{ 'QUERY PLAN': string }>>(Prisma.sql`EXPLAIN ${vectorCandidatesSql(query, filter)}`),
    ]);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  async categories(): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ c: string }>>(Prisma.sql`SELECT DISTINCT unnest("categories") AS c FROM "mcp_servers"`);
    return rows.map((r) => r.c);
  }

  async readState(key: string): Promise<unknown> {
    const row = await this.prisma.catalogSearchState.findUnique({ where: { key } });
    return row?.value ?? undefined;
  }

  async writeState(key: string, value: Prisma.InputJsonValue): Promise<void> {
    await this.prisma.catalogSearchState.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
}
