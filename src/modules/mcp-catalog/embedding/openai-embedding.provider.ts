import OpenAI from 'openai';
import type { EmbeddingProvider } from '../search/embedding-provider';

export const OPENAI_EMBEDDING_MODEL = 'text-embedding-3-small';
export const OPENAI_EMBEDDING_DIMENSIONS = 1536;
/** The model's input limit is 8,191 tokens; characters are a safe, cheap proxy. */
const MAX_INPUT_CHARS = 12_000;

export interface OpenAiEmbeddingOptions {
  apiKey: string;
  baseURL?: string;
  batchSize: number;
  maxRetries: number;
  timeoutMs?: number;
}

/**
 * OpenAI `text-embedding-3-small` through the official SDK. Batches texts per request and relies on
 * the SDK's own retry (exponential backoff honouring `retry-after`) for 429, 5xx and timeouts.
 * Vectors come back by `index`, not array position, so the order is checked rather than assumed.
 */
export class OpenAiEmbeddingProvider implements EmbeddingProvider {
  readonly model = OPENAI_EMBEDDING_MODEL;
  readonly dimensions = OPENAI_EMBEDDING_DIMENSIONS;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAiEmbeddingOptions) {
    this.client = new OpenAI({
      apiKey: options.apiKey,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      maxRetries: options.maxRetries,
      timeout: options.timeoutMs ?? 60_000,
    });
  }

  async embed(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let start = 0; start < texts.length; start += this.options.batchSize) {
      const batch = texts.slice(start, start + this.options.batchSize).map((t) => (t.trim() ? t.slice(0, MAX_INPUT_CHARS) : ' '));
      out.push(...(await this.embedBatch(batch)));
    }
    return out;
  }

  private async embedBatch(input: string[]): Promise<number[][]> {
    const response = await this.client.embeddings.create({ model: this.model, input, encoding_format: 'float' });
    const vectors: number[][] = new Array(input.length);
    for (const item of response.data) vectors[item.index] = item.embedding;
    for (let i = 0; i < input.length; i++) {
      const v = vectors[i];
      if (!v || v.length !== this.dimensions) throw new Error(`OpenAI returned no ${this.dimensions}-d embedding for input ${i}`);
    }
    return vectors;
  }
}
