import { Controller, Get } from '@nestjs/common';
import request from 'supertest';
import type { Principal } from '../../../src/common/auth/principal';
import { CurrentPrincipal } from '../../../src/common/decorators/current-principal.decorator';
import { Scopes } from '../../../src/common/decorators/scopes.decorator';
import { DatabaseConnection } from '../../../src/database/database-connection';
import { SigningKey } from '../../../src/modules/auth/keys/signing-keys';
import { startJwksServer, LocalJwksServer } from '../../utils/jwks-server';
import { createTestApp, TestApp } from '../../utils/test-app';
import { openTestDatabase } from '../../utils/test-database';

@Controller('test-only/external')
class MeController {
  @Get('me') @Scopes('sessions') me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

const ISSUER = 'https://tenant.auth.example/';

describe('an external identity provider configured by issuer, audience and JWKS URL', () => {
  let idp: LocalJwksServer;
  let key: SigningKey;
  let db: DatabaseConnection;
  let t: TestApp;
  const now = () => Math.floor(Date.now() / 1000);
  const token = (overrides: Record<string, unknown> = {}, signWith = key) =>
    idp.sign({ iss: ISSUER, aud: 'my-api', sub: 'auth0|42', iat: now(), exp: now() + 600, ...overrides }, signWith);
  const me = (bearer: string) => request(t.app.getHttpServer()).get('/test-only/external/me').set('authorization', `Bearer ${bearer}`);

  beforeAll(async () => {
    idp = await startJwksServer();
    key = idp.addKey('idp-1');
    db = await openTestDatabase('embedded');
    const issuers = [{ name: 'auth0', issuer: ISSUER, audience: 'my-api', jwks_uri: idp.url, algorithms: ['RS256'] }];
    t = await createTestApp({
      db,
      env: { AUTH_EXTERNAL_ISSUERS: JSON.stringify(issuers), AUTH_ADMIN_SUBJECTS: 'auth0:admin-7', AUTH_JWKS_REFETCH_INTERVAL_SECONDS: '3600' },
      controllers: [MeController],
    });
  });
  afterAll(async () => {
    await t.close();
    await db.close();
    await idp.close();
  });

  it('accepts its tokens as users, namespacing the subject by provider and granting the user scopes', async () => {
    const res = await me(token()).expect(200);
    expect(res.body).toMatchObject({ ownerId: 'auth0:auth0|42', kind: 'user', issuer: ISSUER });
    expect(res.body.scopes).toContain('sessions');
    expect(res.body.scopes).not.toContain('clients:admin');
    const admin = await me(token({ sub: 'admin-7' })).expect(200);
    expect(admin.body.scopes).toContain('clients:admin');
  });

  it("refuses its tokens for another audience, including the service's own", async () => {
    await me(token({ aud: 'other-api' })).expect(401);
    await me(token({ aud: 'dynamic-mcp-agent' })).expect(401);
  });

  it('does not let an external issuer mint tokens under the service issuer name', async () => {
    await me(token({ iss: 'urn:dynamic-mcp-agent', aud: 'dynamic-mcp-agent' })).expect(401);
  });

  it('refetches the JWKS on an unknown kid at most once per interval', async () => {
    const before = idp.fetches();
    const rotated = idp.addKey('idp-2');
    // The first call filled the cache; within the refetch interval an unknown kid must not refetch again.
    await me(token({}, rotated)).expect(401);
    await me(token({}, rotated)).expect(401);
    expect(idp.fetches()).toBe(before);
  });
});

describe('JWKS refetch on an unknown kid with no minimum interval', () => {
  it('picks up a rotated provider key on first sight', async () => {
    const idp = await startJwksServer();
    const first = idp.addKey('k1');
    const db = await openTestDatabase('embedded');
    const issuers = [{ name: 'sb', issuer: 'https://sb.example/auth/v1', audience: 'authenticated', jwks_uri: idp.url }];
    const t = await createTestApp({ db, env: { AUTH_EXTERNAL_ISSUERS: JSON.stringify(issuers), AUTH_JWKS_REFETCH_INTERVAL_SECONDS: '0' }, controllers: [MeController] });
    try {
      const sign = (k: SigningKey) => idp.sign({ iss: 'https://sb.example/auth/v1', aud: 'authenticated', sub: 'u1', exp: Math.floor(Date.now() / 1000) + 60 }, k);
      const call = (bearer: string) => request(t.app.getHttpServer()).get('/test-only/external/me').set('authorization', `Bearer ${bearer}`);
      await call(sign(first)).expect(200);
      const fetches = idp.fetches();
      const second = idp.addKey('k2');
      await call(sign(second)).expect(200);
      expect(idp.fetches()).toBe(fetches + 1);
      await call(sign(second)).expect(200);
      expect(idp.fetches()).toBe(fetches + 1);
    } finally {
      await t.close();
      await db.close();
      await idp.close();
    }
  });
});
