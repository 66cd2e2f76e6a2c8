import request from 'supertest';
import { DatabaseConnection } from '../../../src/database/database-connection';
import { ServiceClientsService } from '../../../src/modules/auth/clients/service-clients.service';
import { bearerFor } from '../../utils/auth';
import { createTestApp, TestApp } from '../../utils/test-app';
import { describeEachDatabase } from '../../utils/test-database';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describeEachDatabase('client-credentials grant and client administration', (db: () => DatabaseConnection) => {
  let t: TestApp;
  let client: { id: string; client_id: string; client_secret: string };
  const http = () => request(t.app.getHttpServer());
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp({ db: db() });
    client = await t.app.get(ServiceClientsService).create('billing', ['agents:write', 'agents:run']);
  });
  afterAll(() => t.close());

  it('issues a client token with client_secret_post (form-encoded) carrying the granted scopes and the service audience', async () => {
    const res = await http().post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret }).expect(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, scope: 'agents:write agents:run' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(claimsOf(res.body.access_token)).toMatchObject({ sub: client.id, aud: 'dynamic-mcp-agent/service', client_id: client.client_id, scope: 'agents:write agents:run' });
  });

  it('accepts client_secret_basic with a JSON body and narrows to a requested subset of scopes', async () => {
    const res = await http().post('/oauth/token').set('authorization', basic(client.client_id, client.client_secret)).send({ grant_type: 'client_credentials', scope: 'agents:run' }).expect(200);
    expect(res.body.scope).toBe('agents:run');
  });

  it('answers invalid_client for a wrong secret and an unknown client, with a Basic challenge for basic auth', async () => {
    const wrong = await http().post('/oauth/token').set('authorization', basic(client.client_id, 'nope')).type('form').send({ grant_type: 'client_credentials' }).expect(401);
    expect(wrong.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic /);
    const unknown = await http().post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: 'dmcp_nobody', client_secret: 'x' }).expect(401);
    expect(unknown.body.error).toBe('invalid_client');
    expect(JSON.stringify(unknown.body)).not.toContain(client.client_secret);
  });

  it('answers unsupported_grant_type, invalid_scope and invalid_request in the RFC shape', async () => {
    const creds = { client_id: client.client_id, client_secret: client.client_secret };
    const grant = await http().post('/oauth/token').type('form').send({ grant_type: 'password', ...creds }).expect(400);
    expect(grant.body).toEqual({ error: 'unsupported_grant_type', error_description: expect.any(String) });
    const scope = await http().post('/oauth/token').type('form').send({ grant_type: 'client_credentials', scope: 'agents:run clients:admin', ...creds }).expect(400);
    expect(scope.body.error).toBe('invalid_scope');
    const missing = await http().post('/oauth/token').type('form').send(creds).expect(400);
    expect(missing.body.error).toBe('invalid_request');
    const both = await http().post('/oauth/token').set('authorization', basic(client.client_id, client.client_secret)).type('form').send({ grant_type: 'client_credentials', ...creds }).expect(400);
    expect(both.body.error).toBe('invalid_request');
    const extra = await http().post('/oauth/token').send({ grant_type: 'client_credentials', ...creds, surprise: 1 }).expect(400);
    expect(extra.body.error).toBe('invalid_request');
  });

  it('refuses a revoked client, through the admin API', async () => {
    const admin = await bearerFor(t.app, { kind: 'client', scopes: ['clients:admin'] });
    const created = await http().post('/api/admin/clients').set('authorization', admin).send({ name: 'short-lived', scopes: ['clients:admin'] }).expect(201);
    expect(created.body).toMatchObject({ client_id: expect.stringMatching(/^dmcp_/), client_secret: expect.any(String), scopes: ['clients:admin'], revoked_at: null });
    const form = { grant_type: 'client_credentials', client_id: created.body.client_id, client_secret: created.body.client_secret };
    const issued = await http().post('/oauth/token').type('form').send(form).expect(200);
    const withIssued = () => http().get('/api/admin/clients').set('authorization', `Bearer ${issued.body.access_token}`);
    await withIssued().expect(200);
    await http().delete(`/api/admin/clients/${created.body.client_id}`).set('authorization', admin).expect(204);
    // Tokens issued before the revocation stop working too.
    await withIssued().expect(401);
    await http().delete(`/api/admin/clients/${created.body.client_id}`).set('authorization', admin).expect(404);
    const res = await http().post('/oauth/token').type('form').send(form).expect(401);
    expect(res.body.error).toBe('invalid_client');
    const list = await http().get('/api/admin/clients').set('authorization', admin).expect(200);
    const listed = list.body.clients.find((c: { client_id: string }) => c.client_id === created.body.client_id);
    expect(listed.revoked_at).toEqual(expect.any(String));
    expect(JSON.stringify(list.body)).not.toMatch(/secret/);
  });

  it('keeps the admin API to the clients:admin scope and validates its input', async () => {
    const res = await http().get('/api/admin/clients').set('authorization', await bearerFor(t.app)).expect(403);
    expect(res.body.error.code).toBe('INSUFFICIENT_SCOPE');
    const admin = await bearerFor(t.app, { scopes: ['clients:admin'] });
    const bad = await http().post('/api/admin/clients').set('authorization', admin).send({ name: 'x', scopes: ['root'] }).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('lets a client token call routes its scopes allow', async () => {
    const token = await http().post('/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: client.client_id, client_secret: client.client_secret }).expect(200);
    const res = await http().get('/api/admin/clients').set('authorization', `Bearer ${token.body.access_token}`).expect(403);
    expect(res.body.error).toMatchObject({ code: 'INSUFFICIENT_SCOPE', details: { required_scopes: ['clients:admin'] } });
  });
});

describeEachDatabase('client-credentials failure rate limiting', (db: () => DatabaseConnection) => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  // TRUST_PROXY lets each request claim its own address through X-Forwarded-For.
  const attempt = (ip: string, clientId: string, secret: string) =>
    http().post('/oauth/token').set('x-forwarded-for', ip).type('form').send({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });

  beforeAll(async () => {
    t = await createTestApp({ db: db(), env: { AUTH_TOKEN_FAILURE_LIMIT: '3', AUTH_TOKEN_FAILURE_WINDOW_SECONDS: '600', TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  it('limits a client id attacked from many addresses, even once the right secret arrives', async () => {
    const victim = await t.app.get(ServiceClientsService).create('victim', ['catalog:read']);
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) await attempt(ip, victim.client_id, 'wrong').expect(401);
    const limited = await attempt('10.0.0.9', victim.client_id, victim.client_secret).expect(429);
    expect(limited.body).toEqual({ error: 'slow_down', error_description: expect.any(String) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits an address that keeps failing, whatever client id it tries', async () => {
    const bystander = await t.app.get(ServiceClientsService).create('bystander', ['catalog:read']);
    for (const id of ['dmcp_a', 'dmcp_b', 'dmcp_c']) await attempt('10.0.1.1', id, 'guess').expect(401);
    await attempt('10.0.1.1', bystander.client_id, bystander.client_secret).expect(429);
    await attempt('10.0.1.2', bystander.client_id, bystander.client_secret).expect(200);
  });
});
