import request from 'supertest';
import { DatabaseConnection } from '../../src/database/database-connection';
import { CatalogSearchIndexer } from '../../src/modules/mcp-catalog/catalog-search.indexer';
import { bearerFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { openTestDatabase } from '../utils/test-database';

const GITHUB = 'github.com/github/github-mcp-server';

describe('catalog search over HTTP', () => {
  let db: DatabaseConnection;
  let t: TestApp;
  let reader: string;
  const http = () => request(t.app.getHttpServer());
  const search = (query: string) => http().get(`/api/catalog/search?${query}`).set('authorization', reader);

  beforeAll(async () => {
    db = await openTestDatabase('embedded');
    t = await createTestApp({ db });
    reader = await bearerFor(t.app, { scopes: ['catalog:read'] });
    // Start-up imported the starter catalog; wait for its vectors so the answer is the full hybrid one.
    await t.app.get(CatalogSearchIndexer).settle();
  });
  afterAll(async () => {
    await t.close();
    await db.close();
  });

  it('answers in the contract shape, with the matched tool and a reason', async () => {
    const res = await search('q=open%20a%20pull%20request&limit=3').expect(200);
    expect(res.body.took_ms).toEqual(expect.any(Number));
    expect(res.body.results.length).toBeGreaterThan(0);
    expect(res.body.results.length).toBeLessThanOrEqual(3);
    const top = res.body.results[0];
    expect(top).toMatchObject({ id: GITHUB, name: expect.any(String), description: expect.any(String), score: expect.any(Number), reason: expect.any(String) });
    expect(top.tools[0]).toEqual({ name: expect.any(String), description: expect.any(String) });
    expect(top.credentials[0]).toEqual({ key: expect.any(String), required: expect.any(Boolean), secret: expect.any(Boolean) });
    expect(top.matched_tools.map((m: { name: string }) => m.name)).toContain('create_pull_request');
    expect(top.matched_fields).toEqual(expect.arrayContaining(['tools']));
  });

  it('filters by a category present in the catalog', async () => {
    const res = await search('q=messages&category=weather').expect(200);
    expect(res.body.results.every((r: { id: string }) => r.id === 'io.github.isdaniel/mcp_weather_server')).toBe(true);
  });

  it.each([
    ['missing q', '', 'CATALOG_SEARCH_QUERY_EMPTY'],
    ['empty q', 'q=', 'CATALOG_SEARCH_QUERY_EMPTY'],
    ['blank q', 'q=%20%20', 'CATALOG_SEARCH_QUERY_EMPTY'],
    ['q over 2,000 characters', `q=${'a'.repeat(2001)}`, 'CATALOG_SEARCH_QUERY_TOO_LONG'],
    ['limit 0', 'q=slack&limit=0', 'CATALOG_SEARCH_LIMIT_OUT_OF_RANGE'],
    ['limit 51', 'q=slack&limit=51', 'CATALOG_SEARCH_LIMIT_OUT_OF_RANGE'],
    ['limit not a number', 'q=slack&limit=ten', 'CATALOG_SEARCH_LIMIT_OUT_OF_RANGE'],
    ['unknown category', 'q=slack&category=no-such-thing', 'CATALOG_SEARCH_UNKNOWN_CATEGORY'],
    ['non-UTF-8 bytes', 'q=%FF%FEslack', 'CATALOG_SEARCH_QUERY_NOT_UTF8'],
    ['truncated UTF-8 sequence', 'q=caf%C3', 'CATALOG_SEARCH_QUERY_NOT_UTF8'],
    ['repeated q', 'q=a&q=b', 'CATALOG_SEARCH_BAD_PARAMETER'],
  ])('rejects %s with 400', async (_name, query, code) => {
    const res = await search(query).expect(400);
    expect(res.body).toMatchObject({ error: { code, message: expect.any(String) }, request_id: expect.any(String) });
  });

  it('accepts exactly 2,000 characters and odd punctuation without a 5xx', async () => {
    await search(`q=${'a'.repeat(2000)}`).expect(200);
    await search(`q=${encodeURIComponent("'); DROP TABLE mcp_servers; -- & | ! :* <->")}`).expect(200);
    await search(`q=${encodeURIComponent('日本語のメール')}`).expect(200);
  });

  it('needs catalog:read', async () => {
    await http().get('/api/catalog/search?q=slack').expect(401);
    const other = await bearerFor(t.app, { scopes: ['sessions'] });
    await http().get('/api/catalog/search?q=slack').set('authorization', other).expect(403);
  });
});
