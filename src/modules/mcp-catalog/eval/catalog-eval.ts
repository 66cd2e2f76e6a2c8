import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Module, type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule } from '../../../config/config.module';
import { DatabaseModule } from '../../../database/database.module';
import { CatalogCoreModule } from '../catalog-core.module';
import { CatalogImportService } from '../catalog-import.service';
import { CatalogSearchIndexer } from '../catalog-search.indexer';
import { CatalogSearchRepository } from '../catalog-search.repository';
import { CatalogSearchService } from '../catalog-search.service';
import { MAX_QUERY_CHARS } from '../catalog-search.validation';
import type { ImportReport } from '../importers/import-result';
import type { SearchableServer } from '../search/server-document';
import { Bm25Baseline } from './bm25-baseline';
import { meanScores, scoreRanking, type RetrievalScores } from './eval-metrics';

/** One line of an evaluation JSONL file (shared/eval/dev.jsonl and any set of the same shape). */
export interface EvalQuery {
  id: string;
  query: string;
  expected_servers: string[];
  pool: string | null;
  benchmark: string;
  kind?: string;
}

/** Top-10 ids per scope for one query; `ownPool` is null when the query has no pool. */
export interface EvalOutcome {
  query: EvalQuery;
  ownPool: string[] | null;
  full: string[];
  baselineOwnPool: string[] | null;
  baselineFull: string[];
}

export interface EvalRow {
  benchmark: string;
  scope: 'own' | 'full';
  n: number;
  ours: RetrievalScores;
  bm25: RetrievalScores;
}

/** The real service over a fresh database holding one imported catalog. */
export interface EvalContext {
  app: INestApplicationContext;
  search: CatalogSearchService;
  servers: SearchableServer[];
  importReport: ImportReport;
  importMs: number;
  close(): Promise<void>;
}

export function readEvalQueries(path: string): EvalQuery[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const q = JSON.parse(line) as EvalQuery;
      if (typeof q.id !== 'string' || typeof q.query !== 'string' || !Array.isArray(q.expected_servers)) throw new Error(`${path}:${i + 1}: not an evaluation query`);
      return { ...q, pool: q.pool ?? null, benchmark: q.benchmark ?? 'unknown' };
    });
}

export function readPools(catalogDir: string): Record<string, string[]> {
  try {
    return JSON.parse(readFileSync(join(catalogDir, 'pools.json'), 'utf8')) as Record<string, string[]>;
  } catch {
    return {};
  }
}

/**
 * Opens a fresh database (embedded in memory unless `databaseUrl`), imports `catalogDir` with the real
 * importer and indexer, and waits for indexing. `imports` adds modules (e.g. a planner for `--plan`).
 */
export async function openEvalContext(catalogDir: string, options: { databaseUrl?: string; imports?: Array<Type | DynamicModule> } = {}): Promise<EvalContext> {
  process.env.DATABASE_URL = options.databaseUrl ?? '';
  if (!options.databaseUrl) process.env.DATA_DIR = 'memory://catalog-eval';
  @Module({ imports: [ConfigModule, DatabaseModule, CatalogCoreModule, ...(options.imports ?? [])] })
  class CatalogEvalModule {}
  const app = await NestFactory.createApplicationContext(CatalogEvalModule, { logger: ['error', 'warn'] });
  const started = performance.now();
  const importReport = await app.get(CatalogImportService).importPath(catalogDir);
  const indexer = app.get(CatalogSearchIndexer);
  await indexer.settle();
  // A database whose vectors are stale (another analysis, a new model) is re-embedded when its snapshot
  // loads: wait for that too, or the first searches would be scored on full text alone.
  await indexer.snapshot();
  await indexer.settle();
  const importMs = performance.now() - started;
  const servers = await app.get(CatalogSearchRepository).loadSearchable();
  return { app, search: app.get(CatalogSearchService), servers, importReport, importMs, close: () => app.close() };
}

/** Runs every query in its own pool (when it has one) and in the whole catalog, with BM25 beside it. */
export async function runRetrievalEval(
  ctx: EvalContext,
  queries: readonly EvalQuery[],
  pools: Record<string, string[]>,
  onProgress?: (done: number, total: number) => void,
): Promise<EvalOutcome[]> {
  const bm25 = new Bm25Baseline(ctx.servers);
  const byId = new Map(ctx.servers.map((s) => [s.id, s]));
  // shared/README's own-pool BM25 figures index each pool alone (pool-local idf).
  const poolBm25 = new Map(Object.entries(pools).map(([name, ids]) => [name, new Bm25Baseline(ids.flatMap((id) => byId.get(id) ?? []))]));
  const outcomes: EvalOutcome[] = [];
  for (const query of queries) {
    const text = query.query.slice(0, MAX_QUERY_CHARS);
    const pool = query.pool ? pools[query.pool] : undefined;
    const top = async (serverIds?: string[]): Promise<string[]> =>
      (await ctx.search.search({ text, limit: 10, ...(serverIds ? { serverIds } : {}) })).hits.map((h) => h.server.id);
    outcomes.push({
      query,
      ownPool: pool ? await top(pool) : null,
      full: await top(),
      baselineOwnPool: pool && query.pool ? (poolBm25.get(query.pool) as Bm25Baseline).search(query.query, null, 10) : null,
      baselineFull: bm25.search(query.query, null, 10),
    });
    onProgress?.(outcomes.length, queries.length);
  }
  return outcomes;
}

export function summarizeEval(outcomes: readonly EvalOutcome[]): EvalRow[] {
  const rows: EvalRow[] = [];
  const benchmarks = [...new Set(outcomes.map((o) => o.query.benchmark))];
  for (const benchmark of benchmarks) {
    const of = outcomes.filter((o) => o.query.benchmark === benchmark);
    const own = of.filter((o) => o.ownPool !== null);
    if (own.length) {
      rows.push({
        benchmark, scope: 'own', n: own.length,
        ours: meanScores(own.map((o) => scoreRanking(o.ownPool ?? [], o.query.expected_servers))),
        bm25: meanScores(own.map((o) => scoreRanking(o.baselineOwnPool ?? [], o.query.expected_servers))),
      });
    }
    rows.push({
      benchmark, scope: 'full', n: of.length,
      ours: meanScores(of.map((o) => scoreRanking(o.full, o.query.expected_servers))),
      bm25: meanScores(of.map((o) => scoreRanking(o.baselineFull, o.query.expected_servers))),
    });
  }
  return rows;
}

export function formatEvalTable(rows: readonly EvalRow[]): string {
  const f = (x: number): string => x.toFixed(3);
  const lines = [
    '| benchmark | pool | n | hit@1 | BM25 hit@1 | recall@5 | BM25 recall@5 | MRR@10 | BM25 MRR@10 |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.benchmark} | ${r.scope} | ${r.n} | ${f(r.ours.hit1)} | ${f(r.bm25.hit1)} | ${f(r.ours.recall5)} | ${f(r.bm25.recall5)} | ${f(r.ours.mrr10)} | ${f(r.bm25.mrr10)} |`),
  ];
  return lines.join('\n');
}
