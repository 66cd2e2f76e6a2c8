/**
 * Anything that turns texts into fixed-size vectors for pgvector. The local
 * provider below is the default; a hosted model can replace it as long as
 * servers and queries are embedded by the same provider (`model` is stored
 * beside each vector so a mismatch is detectable).
 */
export interface EmbeddingProvider {
  readonly model: string;
  readonly dimensions: number;
  embed(texts: string[]): Promise<number[][]>;
}
