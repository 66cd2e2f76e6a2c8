import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { SearchEnv } from '../../config/env/search.env';
import { CatalogIndexer } from './catalog-indexer';
import { HostedSearchEmbedder, LocalSearchEmbedder, SearchEmbedder } from './catalog-search.embedder';
import { CatalogSearchRepository, type SnapshotServer } from './catalog-search.repository';
import type { CatalogSearchHit } from './catalog.types';
import { fromStoredStats, toStoredStats } from './catalog-search.stats';
import { OpenAiEmbeddingProvider } from './embedding/openai-embedding.provider';
import { buildCorpusStats, nameDocumentFrequencies, type CorpusStats } from './search/corpus-stats';
import { warmRerankerCache } from './search/reranker';
import { vocabularyOf } from './search/typo-correction';
import { buildServerDocument, tsvectorSources, type SearchableServer, type ServerDocument } from './search/server-document';

/** What one search reads: documents for re-ranking, the stats and embedder the stored vectors were built with. */
export interface SearchSnapshot {
  readonly docs: ReadonlyMap<string, ServerDocument>;
  readonly stats: CorpusStats;
  readonly embedder: SearchEmbedder;
  readonly categories: ReadonlySet<string>;
  /** What each server's hit shows, read with the documents so a result never mixes two catalog states. */
  readonly hits: ReadonlyMap<string, CatalogSearchHit['server']>;
  /** The catalog version this snapshot was read at (see CATALOG_VERSION_KEY). */
  readonly version: string | undefined;
  /** False while the active model has fewer vectors than there are servers (search is full-text only then). */
  vectorsReady: boolean;
}

export interface RefreshReport {
  servers: number;
  embedded: number;
  model: string;
  statsChanged: boolean;
}

const STATS_KEY = 'corpus_stats';
/**
 * A token every finished refresh writes. Another process (a CLI import beside the running service,
 * a second service instance) that reads a different token reloads its snapshot.
 */
export const CATALOG_VERSION_KEY = 'catalog_version';
const EMBED_CHUNK = 1000;
/** From this many vectors on, dropping and rebuilding the HNSW index beats maintaining it. */
const BULK_THRESHOLD = 2000;
/** Importers call per committed batch; the corpus-wide work waits until the batches stop coming. */
const REFRESH_DELAY_MS = 300;

/**
 * Keeps search in step with the catalog. Per imported batch it writes the weighted tsvectors; once the
 * batches stop it recomputes corpus statistics, stores them, and (re-)embeds: every server when the
 * statistics the local vectors depend on changed, otherwise only servers lacking a vector of the
 * active model. It also owns the in-memory snapshot searches read, replaced after each refresh.
 */
@Injectable()
export class CatalogSearchIndexer extends CatalogIndexer implements OnModuleDestroy {
  private readonly logger = new Logger(CatalogSearchIndexer.name);
  private readonly hosted: SearchEmbedder | undefined;
  private current: SearchSnapshot | undefined;
  private loading: Promise<SearchSnapshot> | undefined;
  private work: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private mergeSkipNoted = false;
  private readonly versionCheckMs: number;
  private lastVersionCheck = 0;
  private checking: Promise<void> | undefined;
  private refreshing = 0;

  constructor(
    private readonly repository: CatalogSearchRepository,
    config: AppConfig,
  ) {
    super();
    const env = config.get(SearchEnv);
    this.versionCheckMs = env.CATALOG_VERSION_CHECK_MS;
    const useOpenAi = env.CATALOG_EMBEDDINGS === 'openai' || (env.CATALOG_EMBEDDINGS === 'auto' && !!env.OPENAI_API_KEY);
    if (useOpenAi && !env.OPENAI_API_KEY) throw new Error('CATALOG_EMBEDDINGS=openai needs OPENAI_API_KEY');
    this.hosted = useOpenAi
      ? new HostedSearchEmbedder(new OpenAiEmbeddingProvider({
        apiKey: env.OPENAI_API_KEY as string,
        ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
        batchSize: env.OPENAI_EMBEDDING_BATCH,
        maxRetries: env.OPENAI_EMBEDDING_MAX_RETRIES,
      }))
      : undefined;
  }

  async indexServers(ids: string[]): Promise<void> {
    await this.writeSearchDocuments(await this.repository.loadSearchable(ids));
    this.scheduleRefresh();
  }

  async removeServers(_ids: string[]): Promise<void> {
    this.scheduleRefresh();
    return Promise.resolve();
  }

  /** The snapshot searches use; loaded on first use, and a background refresh starts when vectors are missing. */
  async snapshot(): Promise<SearchSnapshot> {
    if (this.current) {
      this.checkVersionSoon();
      return this.current;
    }
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /**
   * At most once per CATALOG_VERSION_CHECK_MS, in the background: when another process refreshed
   * the catalog, load its state and swap it in. Searches meanwhile keep answering from the current
   * snapshot (one stale interval at worst). The embedded database has a single process: no check.
   */
  private checkVersionSoon(): void {
    if (this.repository.mode === 'embedded' || this.versionCheckMs === 0 || this.checking) return;
    const now = Date.now();
    if (now - this.lastVersionCheck < this.versionCheckMs) return;
    this.lastVersionCheck = now;
    this.checking = this.reloadIfChanged()
      .catch((error: unknown) => this.logger.warn(`Catalog version check failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (this.checking = undefined));
  }

  private async reloadIfChanged(): Promise<void> {
    const version = await this.readVersion();
    // A local refresh that is queued or running writes a newer version and swaps its own snapshot in.
    if (version === this.current?.version || this.timer || this.refreshing > 0) return;
    this.logger.log('The catalog changed in another process; reloading the search snapshot');
    const before = this.current;
    const fresh = await this.read();
    // A local refresh that started meanwhile holds data at least as new: keep its snapshot.
    if (this.current === before && this.refreshing === 0) this.current = fresh;
  }

  /** Waits for a version check in flight (tests). */
  async settleVersionCheck(): Promise<void> {
    await this.checking;
  }

  /**
   * Recomputes statistics and brings the active model's vectors up to date (all of them when
   * `force`, e.g. `catalog reembed`). Runs are serialised; a scheduled run is taken over.
   */
  refresh(options: { force?: boolean } = {}): Promise<RefreshReport> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.refreshing += 1;
    const run = this.work.catch(() => undefined).then(() => this.runRefresh(options.force ?? false)).finally(() => (this.refreshing -= 1));
    this.work = run;
    return run;
  }

  /** Waits for scheduled or running index work (a CLI import must not exit before vectors are written). */
  async settle(): Promise<void> {
    if (this.timer) await this.refresh().catch((error: unknown) => this.logFailure(error));
    await this.work.catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.settle();
  }

  private async mergeFullTextPending(): Promise<void> {
    if ((await this.repository.mergeFullTextPending()) || this.mergeSkipNoted) return;
    this.mergeSkipNoted = true;
    this.logger.log('The database role does not own the full-text index: pending entries are left to autovacuum (searches are slower until it runs)');
  }

  private scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh().catch((error: unknown) => this.logFailure(error)), REFRESH_DELAY_MS);
  }

  private async load(): Promise<SearchSnapshot> {
    // Data written before merging was added (or by another process) may still have its full-text entries pending.
    await this.mergeFullTextPending();
    const snapshot = await this.read();
    // A refresh that finished meanwhile holds newer data than this load read.
    if (this.current) return this.current;
    this.current = snapshot;
    this.lastVersionCheck = Date.now();
    if (!snapshot.vectorsReady && !this.timer) {
      this.logger.log(`Embedding the catalog for ${snapshot.embedder.model} in the background; search is full-text only until done`);
      void this.refresh().catch((error: unknown) => this.logFailure(error));
    }
    return snapshot;
  }

  /** The stored catalog state as a snapshot; the version is read first, so a later change is never missed. */
  private async read(): Promise<SearchSnapshot> {
    const version = await this.readVersion();
    const servers = await this.repository.loadSearchable();
    const docs = servers.map(buildServerDocument);
    const stored = fromStoredStats(await this.repository.readState(STATS_KEY));
    // Stored statistics are the ones the vectors were embedded with; name frequencies only steer the
    // re-ranker, so they come from the documents as they are (no stored row needs rewriting for them).
    const stats = stored ? { ...stored.stats, nameDf: nameDocumentFrequencies(docs) } : buildCorpusStats(docs);
    const snapshot = this.makeSnapshot(servers, docs, stats, version);
    const coverage = await this.repository.countCoverage(snapshot.embedder.model);
    snapshot.vectorsReady = !!stored && coverage.vectors >= coverage.servers;
    return snapshot;
  }

  private async readVersion(): Promise<string | undefined> {
    const value = await this.repository.readState(CATALOG_VERSION_KEY);
    return typeof value === 'object' && value !== null && typeof (value as { token?: unknown }).token === 'string' ? (value as { token: string }).token : undefined;
  }

  private async runRefresh(force: boolean): Promise<RefreshReport> {
    const started = Date.now();
    const servers = await this.repository.loadSearchable();
    const missingDocs = new Set(await this.repository.idsMissingSearchDocument());
    if (missingDocs.size) await this.writeSearchDocuments(servers.filter((s) => missingDocs.has(s.id)));
    await this.mergeFullTextPending();
    const docs = servers.map(buildServerDocument);
    const stats = buildCorpusStats(docs);
    const stored = toStoredStats(stats);
    const previous = fromStoredStats(await this.repository.readState(STATS_KEY));
    const statsChanged = previous?.fingerprint !== stored.fingerprint;
    if (statsChanged) await this.repository.writeState(STATS_KEY, stored as never);
    const version = randomUUID();
    const snapshot = this.makeSnapshot(servers, docs, stats, version);
    const embedder = snapshot.embedder;
    let targets = servers;
    if (!force && !(statsChanged && embedder.dependsOnCorpusStats)) {
      const missing = new Set(await this.repository.idsMissingVector(embedder.model));
      targets = servers.filter((s) => missing.has(s.id));
    }
    snapshot.vectorsReady = targets.length === 0;
    this.current = snapshot;
    await this.embed(embedder, targets);
    if (targets.length) await this.repository.analyze();
    snapshot.vectorsReady = true;
    // Written last: other processes reload only once the vectors their searches need are stored.
    await this.repository.writeState(CATALOG_VERSION_KEY, { token: version, at: new Date().toISOString() });
    this.logger.log(`Search index refreshed: ${servers.length} servers, ${targets.length} embedded with ${embedder.model} in ${Date.now() - started} ms`);
    return { servers: servers.length, embedded: targets.length, model: embedder.model, statsChanged };
  }

  /** Embeds in chunks; many targets are written in bulk (index rebuilt once) rather than row by row. */
  private async embed(embedder: SearchEmbedder, targets: readonly SearchableServer[]): Promise<void> {
    const rows: Array<{ id: string; vector: number[] }> = [];
    for (let i = 0; i < targets.length; i += EMBED_CHUNK) {
      const chunk = targets.slice(i, i + EMBED_CHUNK);
      const vectors = await embedder.embedServers(chunk);
      chunk.forEach((s, j) => rows.push({ id: s.id, vector: vectors[j] as number[] }));
      if (targets.length < BULK_THRESHOLD) await this.repository.writeEmbeddings(embedder.model, embedder.dimensions, rows.splice(0));
    }
    if (rows.length) await this.repository.writeEmbeddingsBulk(embedder.model, embedder.dimensions, rows);
  }

  private makeSnapshot(servers: readonly SnapshotServer[], docs: ServerDocument[], stats: CorpusStats, version: string | undefined): SearchSnapshot {
    warmRerankerCache(docs);
    // Built here rather than by the first search after an import, which would wait for it.
    vocabularyOf(stats, () => servers);
    return {
      docs: new Map(docs.map((d) => [d.id, d])),
      hits: new Map(servers.map((s) => [s.id, s.hit])),
      stats,
      embedder: this.hosted ?? new LocalSearchEmbedder(stats),
      categories: new Set(servers.flatMap((s) => s.categories)),
      version,
      vectorsReady: false,
    };
  }

  private async writeSearchDocuments(servers: readonly SearchableServer[]): Promise<void> {
    await this.repository.writeSearchDocuments(servers.map((s) => ({ id: s.id, ...tsvectorSources(s) })));
  }

  private logFailure(error: unknown): void {
    this.logger.error(`Search index refresh failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
