import type { EmbeddingProvider } from './embedding-provider';
import { analyze } from './text-analyzer';

/** Per-term weights (usually idf); terms missing from the table get `defaultWeight`. */
export interface TermWeighting {
  weight(term: string): number;
}

export interface LocalEmbeddingOptions {
  readonly dimensions?: number;
  /** Adds hashed character trigrams so "mongo"/"mongodb", "postgres"/"postgresql" overlap. */
  readonly charTrigramWeight?: number;
  readonly weighting?: TermWeighting;
}

/** 32-bit FNV-1a: stable across platforms and versions, which the stored vectors depend on. */
function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Deterministic "hashing trick" embedding of idf-weighted stems (plus light
 * char-trigram features), L2-normalised so pgvector cosine equals a TF-IDF
 * cosine up to hash collisions. No model download, no network, no state
 * beyond the optional term-weight table (keep it with the catalog import:
 * vectors must be recomputed when it changes).
 */
export class LocalEmbeddingProvider implements EmbeddingProvider {
  readonly dimensions: number;
  readonly model: string;
  private readonly trigramWeight: number;
  private readonly weighting: TermWeighting | undefined;

  constructor(options: LocalEmbeddingOptions = {}) {
    this.dimensions = options.dimensions ?? 384;
    this.trigramWeight = options.charTrigramWeight ?? 0.15;
    this.weighting = options.weighting;
    this.model = `local-hash-tfidf-v1-d${this.dimensions}${this.weighting ? '-idf' : ''}`;
  }

  embed(texts: string[]): Promise<number[][]> {
    return Promise.resolve(texts.map((t) => this.embedOne(t)));
  }

  embedOne(text: string): number[] {
    const counts = new Map<string, number>();
    for (const term of analyze(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
    return this.embedTerms([...counts].map(([term, tf]) => ({ term, weight: 1 + Math.log(tf) })));
  }

  /**
   * Query side: embeds already-analysed (stemmed) terms with their expansion
   * weights, so a 0.3-weight synonym does not pull the vector as hard as a
   * word the user typed.
   */
  embedTerms(terms: readonly { readonly term: string; readonly weight: number }[]): number[] {
    const v = new Float64Array(this.dimensions);
    for (const { term, weight } of terms) {
      if (weight <= 0) continue;
      const w = weight * (this.weighting ? this.weighting.weight(term) : 1);
      this.add(v, `w:${term}`, w);
      if (this.trigramWeight > 0 && term.length > 3) {
        const padded = `^${term}$`;
        const per = (w * this.trigramWeight) / Math.sqrt(padded.length - 2);
        for (let i = 0; i + 3 <= padded.length; i++) this.add(v, `c:${padded.slice(i, i + 3)}`, per);
      }
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }

  /** Two signed buckets per feature halve the damage of any single collision. */
  private add(v: Float64Array, feature: string, w: number): void {
    for (const seed of [17, 91]) {
      const h = fnv1a(feature, seed);
      const idx = h % this.dimensions;
      v[idx] = (v[idx] ?? 0) + ((h >>> 31) === 1 ? w : -w) / Math.SQRT2;
    }
  }
}
