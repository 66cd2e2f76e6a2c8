import { CatalogPort } from '../../modules/agents/ports/catalog.port';
import type { CatalogSearchHit, CatalogSearchQuery, CatalogSearchResult, CatalogServer, LaunchOption } from '../../modules/mcp-catalog/catalog.types';
import { buildCorpusStats, CorpusStats, serverIdf } from '../../modules/mcp-catalog/search/corpus-stats';
import { createLexiconExpander } from '../../modules/mcp-catalog/search/query-expander';
import { understandQuery } from '../../modules/mcp-catalog/search/query-understanding';
import { correctTypos, vocabularyOf } from '../../modules/mcp-catalog/search/typo-correction';
import { rerank, warmRerankerCache } from '../../modules/mcp-catalog/search/reranker';
import { buildServerDocument, ServerDocument } from '../../modules/mcp-catalog/search/server-document';
import { sanctionedLaunch } from '../../modules/agents/ports/starter-catalog.fallback';

const CANDIDATES = 400;

/**
 * The catalog port over a catalog held in memory, searched with the catalog module's own analysis
 * and re-ranker (candidates from an inverted index stand in for its SQL candidate lists). Lets the
 * planner be evaluated over 8,818 servers without a database.
 */
export class InMemoryCatalogSearch extends CatalogPort {
  private readonly byId: Map<string, CatalogServer>;
  private readonly docs: ServerDocument[];
  private readonly stats: CorpusStats;
  private readonly postings = new Map<string, number[]>();
  private readonly expander = createLexiconExpander();
  /** Searches answered so far (the eval reports what a plan costs). */
  searchCalls = 0;

  constructor(servers: CatalogServer[]) {
    super();
    this.byId = new Map(servers.map((s) => [s.id, s]));
    this.docs = servers.map((s) => buildServerDocument({ ...s, hasLaunchConfig: s.launchOptions.length > 0, credentialKeys: s.credentials.map((c) => c.key) }));
    this.stats = buildCorpusStats(this.docs);
    this.docs.forEach((doc, i) => {
      const terms = new Set([...Object.values(doc.fields).flat(), ...doc.tools.flatMap((t) => [...t.nameTerms, ...t.descriptionTerms])]);
      for (const term of terms) (this.postings.get(term) ?? this.postings.set(term, []).get(term))?.push(i);
    });
    warmRerankerCache(this.docs);
  }

  async getServer(id: string): Promise<CatalogServer | undefined> {
    return this.byId.get(id);
  }

  async getServers(ids: string[]): Promise<CatalogServer[]> {
    return ids.flatMap((id) => (this.byId.has(id) ? [this.byId.get(id) as CatalogServer] : []));
  }

  async findSanctionedLaunch(serverId: string, command: string, args: string[]): Promise<LaunchOption | undefined> {
    return sanctionedLaunch(this.byId.get(serverId), command, args);
  }

  async search(query: CatalogSearchQuery): Promise<CatalogSearchResult> {
    const started = Date.now();
    this.searchCalls += 1;
    const analysis = correctTypos(understandQuery(query.text, this.expander), vocabularyOf(this.stats, () => this.byId.values()), this.expander);
    const pool = query.serverIds ? new Set(query.serverIds) : undefined;
    const candidates = this.candidates(analysis.terms.map((t) => ({ term: t.term, weight: t.weight })), pool);
    const ranked = rerank(analysis, candidates, this.stats).slice(0, query.limit);
    const hits = ranked.map((r): CatalogSearchHit => {
      const server = this.byId.get(r.id) as CatalogServer;
      const tools = new Set(r.matchedTools.map((t) => t.name));
      return {
        server: { ...server, credentials: server.credentials.map((c) => ({ key: c.key, required: c.required, secret: c.secret })), launchable: server.launchOptions.length > 0 },
        score: r.score,
        matchedFields: [...new Set(r.matchedFields.map((f) => (f === 'toolName' || f === 'toolDescription' ? 'tools' : f)))],
        matchedTools: server.tools.filter((t) => tools.has(t.name)),
        reason: `matched ${r.matchedTerms.slice(0, 5).join(', ')}`,
      };
    });
    return { hits, tookMs: Date.now() - started };
  }

  /** Servers sharing a term with the request, the most idf-weighted overlap first. */
  private candidates(terms: Array<{ term: string; weight: number }>, pool: Set<string> | undefined): ServerDocument[] {
    const score = new Map<number, number>();
    for (const { term, weight } of terms) {
      const idf = serverIdf(this.stats, term);
      for (const i of this.postings.get(term) ?? []) {
        if (pool && !pool.has(this.docs[i].id)) continue;
        score.set(i, (score.get(i) ?? 0) + idf * weight);
      }
    }
    return [...score.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, CANDIDATES)
      .map(([i]) => this.docs[i]);
  }
}
