import request from 'supertest';
import { DatabaseConnection } from '../../src/database/database-connection';
import { bearerFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { openTestDatabase } from '../utils/test-database';

const SLACK = 'github.com/modelcontextprotocol/servers/src/slack';

describe('catalog over HTTP', () => {
  let db: DatabaseConnection;
  let t: TestApp;
  let reader: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    db = await openTestDatabase('embedded');
    // Start-up loads the starter catalog into the empty database.
    t = await createTestApp({ db });
    reader = await bearerFor(t.app, { scopes: ['catalog:read'] });
  });
  afterAll(async () => {
    await t.close();
    await db.close();
  });

  it('returns a server by its URL-encoded id (%2F decodes to /), in the contract snake_case shape', async () => {
    const res = await http().get(`/api/catalog/servers/${encodeURIComponent(SLACK)}`).set('authorization', reader).expect(200);
    expect(res.body).toMatchObject({ id: SLACK, name: expect.any(String), source: 'starter', categories: expect.arrayContaining([expect.any(String)]) });
    expect(res.body.tools[0]).toEqual({ name: expect.any(String), description: expect.any(String) });
    const token = res.body.credentials.find((c: { key: string }) => c.key === 'SLACK_BOT_TOKEN');
    expect(token).toMatchObject({ required: true, secret: true, kind: 'token', format: 'string', description: expect.any(String), pattern_hint: expect.any(String) });
    expect(token.instructions.length).toBeGreaterThanOrEqual(3);
    expect(res.body.launch_options[0]).toMatchObject({ transport: 'stdio', command: 'npx', package_registry: 'npm', env: expect.objectContaining({ SLACK_BOT_TOKEN: '' }) });
    expect(res.body.validation_tool).toMatchObject({ name: 'slack_list_channels' });
    expect(Object.keys(res.body).filter((k) => /[A-Z]/.test(k))).toEqual([]);
  });

  it('answers 404 CATALOG_SERVER_NOT_FOUND for an unknown id', async () => {
    const res = await http().get(`/api/catalog/servers/${encodeURIComponent('github.com/nobody/nothing')}`).set('authorization', reader).expect(404);
    expect(res.body).toMatchObject({ error: { code: 'CATALOG_SERVER_NOT_FOUND', details: { id: 'github.com/nobody/nothing' } }, request_id: expect.any(String) });
  });

  it('needs a token with catalog:read', async () => {
    await http().get(`/api/catalog/servers/${encodeURIComponent(SLACK)}`).expect(401);
    const withoutScope = await bearerFor(t.app, { scopes: ['sessions'] });
    await http().get('/api/catalog/stats').set('authorization', withoutScope).expect(403);
  });

  it('reports catalog stats', async () => {
    const res = await http().get('/api/catalog/stats').set('authorization', reader).expect(200);
    expect(res.body.servers).toBeGreaterThanOrEqual(50);
    expect(res.body.by_source).toEqual([{ source: 'starter', servers: res.body.servers }]);
    expect(res.body.servers_with_launch_options).toBe(res.body.servers);
  });
});
