import request from 'supertest';
import { DatabaseConnection } from '../../../src/database/database-connection';
import { SigningKey } from '../../../src/modules/auth/keys/signing-keys';
import { createTestApp, TestApp } from '../../utils/test-app';
import { startJwksServer, LocalJwksServer } from '../../utils/jwks-server';
import { describeEachDatabase } from '../../utils/test-database';

const CLIENT_ID = 'test-client.apps.googleusercontent.com';

describeEachDatabase('Google sign-in and refresh rotation', (db: () => DatabaseConnection) => {
  let google: LocalJwksServer;
  let googleKey: SigningKey;
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  const now = () => Math.floor(Date.now() / 1000);
  const idToken = (overrides: Record<string, unknown> = {}, key = googleKey) =>
    google.sign({ iss: 'https://accounts.google.com', aud: CLIENT_ID, sub: 'google-sub-1', email: 'ada@example.com', email_verified: true, iat: now(), exp: now() + 600, ...overrides }, key);

  beforeAll(async () => {
    google = await startJwksServer();
    googleKey = google.addKey('google-1');
    t = await createTestApp({ db: db(), env: { AUTH_GOOGLE_CLIENT_ID: CLIENT_ID, AUTH_GOOGLE_JWKS_URL: google.url, AUTH_JWKS_REFETCH_INTERVAL_SECONDS: '0' } });
  });
  afterAll(async () => {
    await t.close();
    await google.close();
  });

  const signIn = (token: string) => http().post('/api/auth/google').send({ access_token: token });
  const refresh = (token: string) => http().post('/api/auth/refresh').send({ refresh_token: token });

  it('creates the user on first sign-in, finds the same user after, and the access token works', async () => {
    const first = await signIn(idToken()).expect(200);
    expect(first.body).toEqual({
      access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, refresh_token: expect.stringMatching(/^rt_/),
      user: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), email: 'ada@example.com' },
    });
    const second = await signIn(idToken({ iss: 'accounts.google.com' })).expect(200);
    expect(second.body.user.id).toBe(first.body.user.id);
    const other = await signIn(idToken({ sub: 'google-sub-2', email: 'bob@example.com' })).expect(200);
    expect(other.body.user.id).not.toBe(first.body.user.id);
    const jwks = await http().get('/.well-known/jwks.json').expect(200);
    const [, payload] = first.body.access_token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(claims).toMatchObject({ sub: first.body.user.id, aud: 'dynamic-mcp-agent' });
    expect(jwks.body.keys[0].kid).toBe(JSON.parse(Buffer.from(first.body.access_token.split('.')[0], 'base64url').toString()).kid);
  });

  it('refuses tokens for another audience, from another issuer, expired, or signed by an unpublished key', async () => {
    const rogue = google.addKey('rogue', { publish: false });
    for (const token of [idToken({ aud: 'someone-else' }), idToken({ iss: 'https://evil.example' }), idToken({ exp: now() - 3600 }), idToken({}, rogue)]) {
      const res = await signIn(token).expect(401);
      expect(res.body.error.code).toBe('INVALID_GOOGLE_TOKEN');
    }
  });

  it('refuses an unverified email', async () => {
    const res = await signIn(idToken({ sub: 'google-sub-3', email_verified: false })).expect(403);
    expect(res.body.error.code).toBe('GOOGLE_EMAIL_NOT_VERIFIED');
  });

  it('picks up a rotated Google key by refetching the JWKS on an unknown kid', async () => {
    const fetchesBefore = google.fetches();
    const rotated = google.addKey('google-2');
    await signIn(idToken({}, rotated)).expect(200);
    expect(google.fetches()).toBe(fetchesBefore + 1);
  });

  it('rotates refresh tokens, and reuse of a rotated one revokes the whole family', async () => {
    const start = await signIn(idToken({ sub: 'google-sub-4', email: 'cy@example.com' })).expect(200);
    const r1 = await refresh(start.body.refresh_token).expect(200);
    expect(r1.body.refresh_token).not.toBe(start.body.refresh_token);
    expect(r1.body.user).toEqual(start.body.user);
    const r2 = await refresh(r1.body.refresh_token).expect(200);
    const reuse = await refresh(start.body.refresh_token).expect(401);
    expect(reuse.body.error.code).toBe('INVALID_REFRESH_TOKEN');
    // The family is gone: even the newest token, never used, no longer works.
    await refresh(r2.body.refresh_token).expect(401);
    // Another sign-in starts a new family.
    const fresh = await signIn(idToken({ sub: 'google-sub-4' })).expect(200);
    await refresh(fresh.body.refresh_token).expect(200);
  });

  it('refuses an unknown refresh token and a malformed body', async () => {
    await refresh('rt_not-a-real-token-at-all').expect(401);
    const res = await http().post('/api/auth/refresh').send({}).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('Google sign-in when not configured', () => {
  it('answers 503 GOOGLE_SIGN_IN_DISABLED', async () => {
    const { openTestDatabase } = await import('../../utils/test-database');
    const database = await openTestDatabase('embedded');
    const t = await createTestApp({ db: database });
    const res = await request(t.app.getHttpServer()).post('/api/auth/google').send({ access_token: 'eyJhbGciOiJSUzI1NiJ9.e30.sig' }).expect(503);
    expect(res.body.error.code).toBe('GOOGLE_SIGN_IN_DISABLED');
    await t.close();
    await database.close();
  });
});
