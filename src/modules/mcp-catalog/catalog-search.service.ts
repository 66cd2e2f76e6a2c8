import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SearchEnv } from '../../config/env/search.env';
import { CatalogSearchErrorCode, CatalogSearchInvalid } from './catalog-search.errors';
import { CatalogSearchIndexer, SearchSnapshot } from './catalog-search.indexer';
import { CatalogSearchRepository, CandidateFilter, type VectorQuery } from './catalog-search.repository';
import { toSearchHit, toSearchResponse } from './catalog-search.mapper';
import type { CatalogSearchResponse } from './catalog-search.dto';
import { parseLimit, parseSearchParams, validateSearchQuery } from './catalog-search.validation';
import type { CatalogSearchQuery, CatalogSearchResult } from './catalog.types';
import { serverIdf, type CorpusStats } from './search/corpus-stats';
import { createLexiconExpander } from './search/query-expander';
import { correctTypos, vocabularyOf } from './search/typo-correction';
import { understandQuery, type QueryAnalysis } from './search/query-understanding';
import { Reranking, type RankedServer } from './search/reranker';

/**
 * Candidates per stage. The vector list through the HNSW index (the whole catalog) is the
 * expensive one: the walk's cost grows with `hnsw.ef_search`, which must be at least the rows
 * wanted. Full text is cheap (ts_rank runs on every matching row whatever the limit, so a longer
 * list only adds rows to the top-N sort). Measured against 200 / 200 on the dev set, PostgreSQL,
 * 8.8k servers:
 * - vectors 150, full text 200: p50 ~0.8 ms and p95 ~1 ms lower (interleaved A/B over HTTP), but
 *   MCP-Manager full hit@1 0.703 -> 0.702 on one HNSW build (builds differ by ~0.002);
 * - vectors 150, full text 300 (taken): hit@1 0.703 -> 0.703, recall@5 0.878 -> 0.883, MCPToolBench++
 *   recall@5 0.677 -> 0.681, other lines unchanged; latency as fast as with 200 full-text rows;
 * - vectors 100: MCP-Manager full hit@1 -0.005, also on a better-connected graph (m 16,
 *   ef_construction 100): the rows past 100 count, not the index's recall.
 * A pool's exact vector scan costs the same for any limit, so it keeps 200.
 */
export const FULL_TEXT_CANDIDATES = 300;
export const INDEXED_VECTOR_CANDIDATES = 150;
export const POOL_VECTOR_CANDIDATES = 200;

/** How many vector candidates a search asks for: pools are scanned exactly, the whole catalog through the index. */
export function vectorCandidateLimit(filter: CandidateFilter): number {
  return filter.serverIds !== undefined ? POOL_VECTOR_CANDIDATES : INDEXED_VECTOR_CANDIDATES;
}

/**
 * Most lexemes in the OR tsquery: the highest weight x idf ones. 24 instead of 64 lost nothing on
 * the dev set; the cut only touches long requests, whose extra terms are the commoner ones.
 */
export const TSQUERY_TERMS = 24;

/** What the start-up warm-up searches for: any everyday request exercises every stage. */
const WARM_UP_REQUEST = 'Send an email when a new issue is opened and post it to the team chat';

export interface RankedSearch {
  ranked: RankedServer[];
  /** Ids the vector stage returned. */
  vectorIds: ReadonlySet<string>;
  fullTextOnly: boolean;
  /** The catalog state the ranking was computed on. */
  snapshot: SearchSnapshot;
}

/**
 * Lexemes in more than this share of servers are left out of the tsquery: they match most of the
 * catalog (every row then pays ts_rank, 250 ms at 100k servers) and ts_rank has no idf to discount
 * them. The vector stage and the re-ranker still use them. 4% (was 8%) cut the full-text stage's
 * p95 from ~20 to ~12 ms at 8.8k servers with dev-set quality unchanged; 2% started to lose hits.
 */
export const TSQUERY_MAX_DF_SHARE = 0.04;
/** A request made only of common words still needs a full-text list: its rarest few are kept. */
const TSQUERY_MIN_TERMS = 2;
/**
 * Budget of matching rows (summed document frequencies) for the tsquery: ts_rank runs once per
 * matching row, ~3 us each, so at 100k servers a request of mid-frequency words matched 10-20k rows
 * (35-80 ms). Terms past the budget are left out, the best-weighted first kept. At 8.8k servers it
 * trims only the longest requests (dev-set candidate recall unchanged).
 */
export const TSQUERY_MAX_MATCHES = 2500;

export interface TsqueryLimits {
  maxTerms: number;
  maxMatches: number;
}

/** `to_tsquery` input: an OR of quoted lexemes (quoting keeps operators in user text inert). */
export function buildTsquery(query: QueryAnalysis, stats: CorpusStats, limits: TsqueryLimits = { maxTerms: TSQUERY_TERMS, maxMatches: TSQUERY_MAX_MATCHES }): string {
  const df = (term: string): number => stats.serverDf.get(term) ?? 0;
  const ranked = query.terms
    .filter((t) => t.weight > 0 && df(t.term) > 0)
    .sort((a, b) => b.weight * serverIdf(stats, b.term) - a.weight * serverIdf(stats, a.term) || (a.term < b.term ? -1 : 1));
  const maxDf = Math.max(1, TSQUERY_MAX_DF_SHARE * stats.serverCount);
  const rare = ranked.filter((t) => df(t.term) <= maxDf);
  const byDf = [...ranked].sort((a, b) => df(a.term) - df(b.term));
  const terms = rare.length > 0 ? rare : byDf.slice(0, TSQUERY_MIN_TERMS);
  const kept: string[] = [];
  let matches = 0;
  for (const { term } of terms) {
    if (kept.length >= limits.maxTerms) break;
    if (kept.length > 0 && matches + df(term) > limits.maxMatches) continue;
    kept.push(term);
    matches += df(term);
  }
  return kept.map((term) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');
}

/**
 * Hybrid catalog search: full-text and vector candidates from Postgres (300 and 150, see
 * FULL_TEXT_CANDIDATES; inside the pool and category when given), unioned and re-ranked in
 * process with field- and tool-level evidence. While the active model's vectors are incomplete it
 * answers from full text alone and says so in `matchedFields` (`full_text_only`).
 */
@Injectable()
export class CatalogSearchService {
  private readonly logger = new Logger(CatalogSearchService.name);
  private readonly expander = createLexiconExpander();

  private readonly exactScan: boolean;

  constructor(
    private readonly indexer: CatalogSearchIndexer,
    private readonly repository: CatalogSearchRepository,
    config: AppConfig,
  ) {
    this.exactScan = config.get(SearchEnv).CATALOG_VECTOR_SCAN === 'exact';
  }

  async search(query: CatalogSearchQuery): Promise<CatalogSearchResult> {
    const started = performance.now();
    validateSearchQuery(query);
    const { ranked, vectorIds, fullTextOnly, snapshot } = await this.rank(query);
    const top = ranked.slice(0, query.limit);
    const hits = top.flatMap((r) => {
      // Ranked ids come from the snapshot's documents, so it holds their records too.
      const server = snapshot.hits.get(r.id);
      return server ? [toSearchHit(r, server, { vector: vectorIds.has(r.id), fullTextOnly })] : [];
    });
    return { hits, tookMs: Math.round((performance.now() - started) * 100) / 100 };
  }

  /** `GET /api/catalog/search` from its raw query string (decoded strictly: non-UTF-8 bytes are a 400). */
  async searchResponse(rawQueryString: string): Promise<CatalogSearchResponse> {
    const params = parseSearchParams(rawQueryString);
    const limit = parseLimit(params.limit);
    return toSearchResponse(await this.search({ text: params.q ?? '', limit, ...(params.category !== undefined ? { category: params.category } : {}) }));
  }

  /** Every candidate re-ranked, best first (the evaluation reads ids from here and from `search`). */
  async rank(query: CatalogSearchQuery): Promise<RankedSearch> {
    const snapshot = await this.indexer.snapshot();
    if (query.category !== undefined && !snapshot.categories.has(query.category)) {
      throw new CatalogSearchInvalid(CatalogSearchErrorCode.UNKNOWN_CATEGORY, `Unknown category "${query.category}"`, { category: query.category });
    }
    const fullTextOnly = !snapshot.vectorsReady;
    if (query.serverIds && query.serverIds.length === 0) return { ranked: [], vectorIds: new Set(), fullTextOnly, snapshot };
    const analysis = correctTypos(understandQuery(query.text, this.expander), vocabularyOf(snapshot.stats, () => snapshot.hits.values()), this.expander);
    const filter: CandidateFilter = { ...(query.serverIds ? { serverIds: query.serverIds } : {}), ...(query.category !== undefined ? { category: query.category } : {}) };
    const ranking = new Reranking(analysis, snapshot.stats);
    const docsOf = (ids: readonly string[]) => ids.flatMap((id) => snapshot.docs.get(id) ?? []);
    // Full-text candidates are scored as soon as they arrive, usually while the vector query still runs.
    const fullText = this.fullText(analysis, snapshot, filter).then((ids) => {
      ranking.add(docsOf(ids));
      return ids;
    });
    const [fts, vec] = await Promise.all([fullText, fullTextOnly ? [] : this.vector(analysis, snapshot, filter)]);
    return { ranked: ranking.result(docsOf([...new Set([...fts, ...vec])])), vectorIds: new Set(vec), fullTextOnly, snapshot };
  }

  private async fullText(analysis: QueryAnalysis, snapshot: SearchSnapshot, filter: CandidateFilter): Promise<string[]> {
    const tsquery = buildTsquery(analysis, snapshot.stats);
    return tsquery ? this.repository.fullTextCandidates(tsquery, FULL_TEXT_CANDIDATES, filter) : [];
  }

  /**
   * Start-up, once the snapshot is loaded: warms the pool's kept connections with both candidate
   * queries, then runs one search end to end (its code paths and caches). The first search after a
   * start or a quiet spell then costs what any other does.
   */
  async warmUp(): Promise<void> {
    const snapshot = await this.indexer.snapshot();
    const analysis = understandQuery(WARM_UP_REQUEST, this.expander);
    const count = this.repository.keptConnections;
    if (count > 0 && snapshot.vectorsReady) {
      const vector = await snapshot.embedder.embedQuery(analysis);
      const fullText = { tsquery: buildTsquery(analysis, snapshot.stats), limit: FULL_TEXT_CANDIDATES };
      await this.repository.warmConnections(count, this.vectorQuery(snapshot, vector, {}), fullText);
    }
    await this.search({ text: WARM_UP_REQUEST, limit: 10 });
  }

  /** The vector stage's query for the snapshot's model. */
  private vectorQuery(snapshot: SearchSnapshot, vector: number[], filter: CandidateFilter): VectorQuery {
    // Pools are small: an exact scan inside them beats an HNSW walk that filters most neighbours out.
    const exact = this.exactScan || filter.serverIds !== undefined;
    return { model: snapshot.embedder.model, dimensions: snapshot.embedder.dimensions, vector, limit: vectorCandidateLimit(filter), exact };
  }

  /** A failing hosted embedder degrades the request to full text rather than failing it. */
  private async vector(analysis: QueryAnalysis, snapshot: SearchSnapshot, filter: CandidateFilter): Promise<string[]> {
    const { embedder } = snapshot;
    // A local vector of words no server uses is hash noise: every "match" would be a collision.
    if (embedder.dependsOnCorpusStats && !analysis.terms.some((t) => snapshot.stats.serverDf.has(t.term))) return [];
    try {
      const vector = await embedder.embedQuery(analysis);
      return await this.repository.vectorCandidates(this.vectorQuery(snapshot, vector, filter), filter);
    } catch (error) {
      this.logger.warn(`Vector stage skipped: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }
}

