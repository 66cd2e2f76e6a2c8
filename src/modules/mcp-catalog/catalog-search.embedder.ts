import { serverIdf, type CorpusStats } from './search/corpus-stats';
import type { EmbeddingProvider } from './search/embedding-provider';
import { LocalEmbeddingProvider } from './search/local-embedding.provider';
import type { QueryAnalysis } from './search/query-understanding';
import { DEFAULT_RERANKER_OPTIONS, effectiveIdfPower } from './search/reranker';
import { embeddingInput, type SearchableServer } from './search/server-document';

export const LOCAL_DIMENSIONS = 384;

/**
 * How servers and requests become vectors for one model. The local method embeds analysed terms
 * weighted by the corpus idf table (so its vectors must be rebuilt when the table changes); a
 * hosted model embeds the raw request text and does not depend on the corpus.
 */
export interface SearchEmbedder {
  readonly model: string;
  readonly dimensions: number;
  readonly dependsOnCorpusStats: boolean;
  embedServers(servers: readonly SearchableServer[]): Promise<number[][]>;
  embedQuery(query: QueryAnalysis): Promise<number[]>;
}

/** The default: in-process hashed TF-IDF vectors, deterministic and offline. */
export class LocalSearchEmbedder implements SearchEmbedder {
  readonly dependsOnCorpusStats = true;
  private readonly provider: LocalEmbeddingProvider;

  constructor(private readonly stats: CorpusStats) {
    this.provider = new LocalEmbeddingProvider({ dimensions: LOCAL_DIMENSIONS, weighting: { weight: (t) => serverIdf(stats, t) } });
  }

  get model(): string {
    return this.provider.model;
  }

  get dimensions(): number {
    return this.provider.dimensions;
  }

  embedServers(servers: readonly SearchableServer[]): Promise<number[][]> {
    return Promise.resolve(servers.map((s) => this.provider.embedOne(embeddingInput(s))));
  }

  /** Weighted terms, sharpened for long requests the same way the re-ranker sharpens idf. */
  embedQuery(query: QueryAnalysis): Promise<number[]> {
    const extra = effectiveIdfPower(query.terms.length, DEFAULT_RERANKER_OPTIONS) - 1;
    return Promise.resolve(
      this.provider.embedTerms(query.terms.map((t) => ({ term: t.term, weight: t.weight * serverIdf(this.stats, t.term) ** extra }))),
    );
  }
}

/** Plain readable text for a hosted model (the local input repeats fields to weight them). */
export function hostedEmbeddingText(server: SearchableServer): string {
  const tools = server.tools.map((t) => `${t.name}: ${t.description}`).join('\n');
  return `${server.name} (${server.id})\n${server.description}\nCategories: ${server.categories.join(', ')}\nTools:\n${tools}`;
}

/** Any hosted EmbeddingProvider (OpenAI): servers as readable text, requests as typed. */
export class HostedSearchEmbedder implements SearchEmbedder {
  readonly dependsOnCorpusStats = false;

  constructor(private readonly provider: EmbeddingProvider) {}

  get model(): string {
    return this.provider.model;
  }

  get dimensions(): number {
    return this.provider.dimensions;
  }

  embedServers(servers: readonly SearchableServer[]): Promise<number[][]> {
    return this.provider.embed(servers.map(hostedEmbeddingText));
  }

  async embedQuery(query: QueryAnalysis): Promise<number[]> {
    const [vector] = await this.provider.embed([query.text]);
    if (!vector) throw new Error('the embedding provider returned no vector');
    return vector;
  }
}
