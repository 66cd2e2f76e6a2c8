import { Controller, Get } from '@nestjs/common';
import { createHmac, createPublicKey } from 'node:crypto';
import request from 'supertest';
import type { Principal } from '../../../src/common/auth/principal';
import { CurrentPrincipal } from '../../../src/common/decorators/current-principal.decorator';
import { Public } from '../../../src/common/decorators/public.decorator';
import { AllowPrincipals, Scopes } from '../../../src/common/decorators/scopes.decorator';
import { DatabaseConnection } from '../../../src/database/database-connection';
import { signJwt } from '../../../src/modules/auth/jwt/jwt-codec';
import { generatePrivateKey, signingKeyFrom } from '../../../src/modules/auth/keys/signing-keys';
import { TokenSigningService } from '../../../src/modules/auth/token-signing.service';
import { bearerFor } from '../../utils/auth';
import { createTestApp, TestApp } from '../../utils/test-app';
import { openTestDatabase } from '../../utils/test-database';

@Controller('test-only/auth')
class ProbeController {
  @Get('open') @Public() open(): { ok: true } {
    return { ok: true };
  }
  @Get('me') @Scopes('sessions') me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
  @Get('admin') @Scopes('clients:admin') admin(): { ok: true } {
    return { ok: true };
  }
  @Get('users-only') @Scopes() @AllowPrincipals('user') usersOnly(): { ok: true } {
    return { ok: true };
  }
  @Get('clients-only') @Scopes() @AllowPrincipals('client') clientsOnly(): { ok: true } {
    return { ok: true };
  }
  @Get('undeclared') undeclared(): { ok: true } {
    return { ok: true };
  }
}

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bearer tokens and the global guard', () => {
  let db: DatabaseConnection;
  let t: TestApp;
  let signing: TokenSigningService;
  const http = () => request(t.app.getHttpServer());
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: Record<string, unknown> = {}) => ({
    iss: signing.issuer, aud: signing.userAudience, sub: 'alice', scope: 'sessions', iat: now(), exp: now() + 600, ...overrides,
  });

  beforeAll(async () => {
    db = await openTestDatabase('embedded');
    t = await createTestApp({ db, env: { AUTH_CLOCK_TOLERANCE_SECONDS: '0' }, controllers: [ProbeController] });
    signing = t.app.get(TokenSigningService);
  });
  afterAll(async () => {
    await t.close();
    await db.close();
  });

  async function expectRefused(token: string | undefined, status = 401, code = 'UNAUTHENTICATED'): Promise<void> {
    const req = http().get('/test-only/auth/me');
    const res = await (token === undefined ? req : req.set('authorization', `Bearer ${token}`));
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: { code, message: expect.any(String) }, request_id: expect.any(String) });
  }

  it('lets a valid user token through and exposes only what the token says', async () => {
    const res = await http().get('/test-only/auth/me').set('authorization', await bearerFor(t.app, { ownerId: 'alice' })).expect(200);
    expect(res.body).toMatchObject({ ownerId: 'alice', kind: 'user', issuer: signing.issuer });
    expect(res.body.scopes).toEqual(expect.arrayContaining(['chat', 'sessions', 'agents:read', 'agents:write', 'agents:run', 'credentials', 'catalog:read']));
    expect(res.body.scopes).not.toContain('clients:admin');
  });

  it('serves public routes without a token and answers 401 with a challenge when one is needed', async () => {
    await http().get('/test-only/auth/open').expect(200);
    const res = await http().get('/test-only/auth/me').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    await expectRefused('not-a-jwt');
  });

  it('refuses alg none', async () => {
    await expectRefused(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`);
    await expectRefused(`${b64({ alg: 'none', typ: 'JWT', kid: signing.publicJwks().keys[0].kid })}.${b64(claims())}.`);
  });

  it('refuses HS256 signed with the public key as the HMAC secret (key confusion)', async () => {
    const jwk = signing.publicJwks().keys[0];
    const pem = createPublicKey({ key: jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;
    const input = `${b64({ alg: 'HS256', typ: 'JWT', kid: jwk.kid })}.${b64(claims())}`;
    await expectRefused(`${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`);
  });

  it('refuses expired, not-yet-valid and expiry-less tokens', async () => {
    await expectRefused(signing.signClaims(claims({ iat: now() - 7200, exp: now() - 3600 })));
    await expectRefused(signing.signClaims(claims({ nbf: now() + 3600 })));
    const { exp: _exp, ...noExpiry } = claims();
    await expectRefused(signing.signClaims(noExpiry));
  });

  it('refuses a wrong issuer and a wrong audience', async () => {
    await expectRefused(signing.signClaims(claims({ iss: 'https://evil.example' })));
    await expectRefused(signing.signClaims(claims({ aud: 'some-other-api' })));
    await expectRefused(signing.signClaims(claims({ aud: [signing.userAudience, signing.serviceAudience] })));
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = signing.signClaims(claims()).split('.');
    await expectRefused(`${header}.${b64(claims({ sub: 'mallory', scope: 'sessions clients:admin' }))}.${signature}`);
  });

  it('refuses a token signed by a key it does not know, with or without a known kid', async () => {
    const privateKey = generatePrivateKey({ type: 'rsa', modulusLength: 2048 });
    await expectRefused(signJwt(claims(), signingKeyFrom('unknown-kid', privateKey)));
    await expectRefused(signJwt(claims(), signingKeyFrom(signing.publicJwks().keys[0].kid, privateKey)));
  });

  it('answers 403 INSUFFICIENT_SCOPE naming the required scopes', async () => {
    const res = await http().get('/test-only/auth/admin').set('authorization', await bearerFor(t.app)).expect(403);
    expect(res.body.error).toEqual({ code: 'INSUFFICIENT_SCOPE', message: expect.any(String), details: { required_scopes: ['clients:admin'] } });
    await http().get('/test-only/auth/admin').set('authorization', await bearerFor(t.app, { kind: 'client', scopes: ['clients:admin'] })).expect(200);
  });

  it('keeps client tokens off user-only routes and user tokens off client-only routes', async () => {
    const client = await bearerFor(t.app, { kind: 'client', scopes: ['sessions'] });
    const user = await bearerFor(t.app);
    const a = await http().get('/test-only/auth/users-only').set('authorization', client).expect(403);
    expect(a.body.error.code).toBe('PRINCIPAL_NOT_ALLOWED');
    const b = await http().get('/test-only/auth/clients-only').set('authorization', user).expect(403);
    expect(b.body.error.code).toBe('PRINCIPAL_NOT_ALLOWED');
    await http().get('/test-only/auth/users-only').set('authorization', user).expect(200);
    const me = await http().get('/test-only/auth/me').set('authorization', client).expect(200);
    expect(me.body).toMatchObject({ kind: 'client' });
  });

  it('closes a route that declares neither @Public nor @Scopes, even to a valid token', async () => {
    const res = await http().get('/test-only/auth/undeclared').set('authorization', await bearerFor(t.app)).expect(403);
    expect(res.body.error.code).toBe('ROUTE_ACCESS_UNDECLARED');
  });

  it('serves the public keys at /.well-known/jwks.json without private parts', async () => {
    const res = await http().get('/.well-known/jwks.json').expect(200);
    expect(res.body.keys).toHaveLength(1);
    expect(res.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    expect(res.body.keys[0].d).toBeUndefined();
    expect(res.body.keys[0].p).toBeUndefined();
  });
});
