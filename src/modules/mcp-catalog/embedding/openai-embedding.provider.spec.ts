import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HostedSearchEmbedder } from '../catalog-search.embedder';
import { understandQuery } from '../search/query-understanding';
import { OPENAI_EMBEDDING_DIMENSIONS, OpenAiEmbeddingProvider } from './openai-embedding.provider';

interface Seen {
  auth: string | undefined;
  body: { model: string; input: string[]; encoding_format?: string };
}

/** A deterministic vector per text: its length and first char code in the first two slots. */
const fakeVector = (text: string): number[] => {
  const v = new Array<number>(OPENAI_EMBEDDING_DIMENSIONS).fill(0);
  v[0] = text.length;
  v[1] = text.charCodeAt(0);
  return v;
};

/** A local stand-in for POST /v1/embeddings that fails with the scripted statuses first. */
async function fakeOpenAi(script: number[]): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as Seen['body'];
      seen.push({ auth: req.headers.authorization, body });
      const status = script.shift();
      if (req.url !== '/v1/embeddings' || req.method !== 'POST') {
        res.writeHead(404).end();
      } else if (status !== undefined && status !== 200) {
        res.writeHead(status, { 'content-type': 'application/json', 'retry-after-ms': '1' });
        res.end(JSON.stringify({ error: { message: `scripted ${status}`, type: 'test' } }));
      } else {
        // Reversed on purpose: clients must order by `index`, not by array position.
        const data = body.input.map((text, index) => ({ object: 'embedding', index, embedding: fakeVector(text) })).reverse();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('OpenAI embedding provider (against a local fake of the embeddings API)', () => {
  const texts = ['alpha', 'bravo two', 'c', 'delta four four', 'echo'];

  it('batches requests, keeps input order and sends the model and key', async () => {
    const fake = await fakeOpenAi([]);
    try {
      const provider = new OpenAiEmbeddingProvider({ apiKey: 'sk-test-key', baseURL: fake.url, batchSize: 2, maxRetries: 0 });
      const vectors = await provider.embed(texts);
      expect(vectors.map((v) => [v[0], v[1]])).toEqual(texts.map((t) => [t.length, t.charCodeAt(0)]));
      expect(fake.seen.map((s) => s.body.input.length)).toEqual([2, 2, 1]);
      expect(fake.seen.every((s) => s.body.model === 'text-embedding-3-small' && s.auth === 'Bearer sk-test-key')).toBe(true);
      expect(provider).toMatchObject({ model: 'text-embedding-3-small', dimensions: 1536 });
    } finally {
      await fake.close();
    }
  });

  it('retries a 429 and a 503 with backoff, then succeeds', async () => {
    const fake = await fakeOpenAi([429, 503]);
    try {
      const provider = new OpenAiEmbeddingProvider({ apiKey: 'sk-test-key', baseURL: fake.url, batchSize: 10, maxRetries: 3 });
      const vectors = await provider.embed(texts.slice(0, 3));
      expect(vectors).toHaveLength(3);
      expect(fake.seen).toHaveLength(3);
      expect(fake.seen.map((s) => s.body.input)).toEqual([texts.slice(0, 3), texts.slice(0, 3), texts.slice(0, 3)]);
    } finally {
      await fake.close();
    }
  });

  it('gives up after the retry budget and does not retry a 400', async () => {
    const fake = await fakeOpenAi([429, 429, 400]);
    try {
      const provider = new OpenAiEmbeddingProvider({ apiKey: 'sk-test-key', baseURL: fake.url, batchSize: 10, maxRetries: 1 });
      await expect(provider.embed(['x'])).rejects.toMatchObject({ status: 429 });
      expect(fake.seen).toHaveLength(2);
      await expect(provider.embed(['x'])).rejects.toMatchObject({ status: 400 });
      expect(fake.seen).toHaveLength(3);
    } finally {
      await fake.close();
    }
  });

  it('embeds the raw request text for queries (not the analysed terms)', async () => {
    const fake = await fakeOpenAi([]);
    try {
      const embedder = new HostedSearchEmbedder(new OpenAiEmbeddingProvider({ apiKey: 'k', baseURL: fake.url, batchSize: 10, maxRetries: 0 }));
      const vector = await embedder.embedQuery(understandQuery('Send the weekly report to Slack'));
      expect(fake.seen[0]?.body.input).toEqual(['Send the weekly report to Slack']);
      expect(vector).toHaveLength(1536);
      expect(embedder.dependsOnCorpusStats).toBe(false);
    } finally {
      await fake.close();
    }
  });
});
