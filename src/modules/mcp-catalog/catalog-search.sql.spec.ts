import { fromStoredStats, statsFingerprint, toStoredStats } from './catalog-search.stats';
import { vectorCandidatesSql, vectorText } from './catalog-search.repository';
import { HNSW_EF_SEARCH } from '../../database/session-settings';
import { buildTsquery, INDEXED_VECTOR_CANDIDATES, POOL_VECTOR_CANDIDATES, vectorCandidateLimit } from './catalog-search.service';
import { buildCorpusStats } from './search/corpus-stats';
import { understandQuery } from './search/query-understanding';
import { buildServerDocument } from './search/server-document';

const docs = [
  { id: 'a/slack', name: 'Slack', description: 'Post messages to channels', categories: ['chat'], tools: [{ name: 'post_message', description: 'Post a message' }], hasLaunchConfig: true, credentialKeys: [] },
  { id: 'b/weather', name: 'Weather', description: 'Forecasts', categories: ['weather'], tools: [], hasLaunchConfig: false, credentialKeys: [] },
].map(buildServerDocument);
const stats = buildCorpusStats(docs);

describe('search SQL building', () => {
  it('builds an OR tsquery of quoted lexemes the corpus knows, rarest first', () => {
    const q = buildTsquery(understandQuery('post a message about the weather, zzzunknown'), stats);
    expect(q.split(' | ').sort()).toEqual(["'messag'", "'post'", "'weather'"].sort());
    expect(buildTsquery(understandQuery('zzzunknown'), stats)).toBe('');
  });

  it('leaves lexemes most servers contain out of the tsquery, unless nothing rarer is asked for', () => {
    const many = Array.from({ length: 40 }, (_, i) => buildServerDocument({
      id: `o/s${i}`, name: i === 0 ? 'Zebra' : i === 1 ? 'Yak' : `S${i}`, description: 'get data', categories: [], tools: [], hasLaunchConfig: false, credentialKeys: [],
    }));
    const big = buildCorpusStats(many);
    expect(buildTsquery(understandQuery('get zebra data'), big)).toBe("'zebra'");
    expect(buildTsquery(understandQuery('get zebra yak data'), big).split(' | ').sort()).toEqual(["'yak'", "'zebra'"]);
    expect(buildTsquery(understandQuery('get data'), big).split(' | ').sort()).toEqual(["'data'", "'get'"]);
  });

  it('keeps the summed document frequency of the tsquery within its budget, best-weighted terms first', () => {
    const docsOf = (word: string, n: number) => Array.from({ length: n }, (_, i) => buildServerDocument({
      id: `${word}/s${i}`, name: `${word} tool`, description: '', categories: [], tools: [], hasLaunchConfig: false, credentialKeys: [],
    }));
    const corpus = buildCorpusStats([...docsOf('zebra', 3), ...docsOf('yak', 5), ...docsOf('lynx', 8), ...docsOf('filler', 200)]);
    const terms = (text: string, maxMatches: number) => buildTsquery(understandQuery(text), corpus, { maxTerms: 24, maxMatches }).split(' | ').sort();
    expect(terms('zebra yak lynx', 100)).toEqual(["'lynx'", "'yak'", "'zebra'"]);
    expect(terms('zebra yak lynx', 9)).toEqual(["'yak'", "'zebra'"]);
    expect(terms('zebra yak lynx', 1)).toEqual(["'zebra'"]);
    expect(terms('lynx zebra', 4)).toEqual(["'zebra'"]);
  });

  it('keeps user text inert inside the tsquery', () => {
    const s = buildCorpusStats([buildServerDocument({ id: "x/it's", name: "o'neil", description: '', categories: [], tools: [], hasLaunchConfig: false, credentialKeys: [] })]);
    for (const term of buildTsquery(understandQuery("o'neil & !(x)"), s).split(' | ').filter(Boolean)) expect(term).toMatch(/^'([^']|'')*'$/);
  });

  it('inlines the checked model and dimension so the partial HNSW index matches, and binds the vector', () => {
    const sql = vectorCandidatesSql({ model: 'local-hash-tfidf-v1-d384-idf', dimensions: 384, vector: [0.5, 0.25], limit: 200, exact: false }, { serverIds: ['a'] });
    expect(sql.sql).toContain(`e."model" = 'local-hash-tfidf-v1-d384-idf'`);
    expect(sql.sql).toContain('(e."embedding"::vector(384)) <=> ');
    expect(sql.values).toEqual([['a'], '[0.5,0.25]', 200]);
    const exact = vectorCandidatesSql({ model: 'm', dimensions: 384, vector: [1], limit: 5, exact: true }, {});
    expect(exact.sql).not.toContain('::vector(384)');
  });

  it('asks the index for fewer vector candidates than a pool scan, within what a session walk returns', () => {
    expect(vectorCandidateLimit({})).toBe(INDEXED_VECTOR_CANDIDATES);
    expect(vectorCandidateLimit({ category: 'chat' })).toBe(INDEXED_VECTOR_CANDIDATES);
    expect(vectorCandidateLimit({ serverIds: ['a'] })).toBe(POOL_VECTOR_CANDIDATES);
    expect(INDEXED_VECTOR_CANDIDATES).toBeLessThan(POOL_VECTOR_CANDIDATES);
    // Above the session's ef_search every search would pay a transaction to raise it.
    expect(INDEXED_VECTOR_CANDIDATES).toBeLessThanOrEqual(HNSW_EF_SEARCH);
  });

  it('refuses a model id that could break out of the literal', () => {
    expect(() => vectorCandidatesSql({ model: "x' OR '1'='1", dimensions: 3, vector: [1], limit: 1, exact: false }, {})).toThrow(/unsafe/);
  });

  it('writes vectors in pgvector text form', () => {
    expect(vectorText([0.123456789, -1, Number.NaN])).toBe('[0.1234568,-1,0]');
  });
});

describe('stored corpus stats', () => {
  it('round-trips and fingerprints the document frequencies', () => {
    const stored = toStoredStats(stats);
    const back = fromStoredStats(JSON.parse(JSON.stringify(stored)));
    expect(back?.fingerprint).toBe(statsFingerprint(stats));
    expect(back?.stats.serverDf.get('slack')).toBe(1);
    expect(back?.stats.avgFieldLength).toEqual(stats.avgFieldLength);
    const changed = buildCorpusStats(docs.slice(0, 1));
    expect(statsFingerprint(changed)).not.toBe(stored.fingerprint);
    expect(fromStoredStats({ nope: true })).toBeUndefined();
  });
});
