import { KeyObject } from 'node:crypto';
import type { Principal } from '../../../common/auth/principal';
import { AppConfig } from '../../../config/app-config';
import type { ServiceClientsService } from '../clients/service-clients.service';
import { IssuerRegistry } from '../issuers/issuer-registry';
import { generatePrivateKey, signingKeyFrom } from '../keys/signing-keys';
import { TokenSigningService } from '../token-signing.service';
import { signJwt } from './jwt-codec';
import { JwtStrategy } from './jwt.strategy';

const pem = (key: KeyObject) => key.export({ format: 'pem', type: 'pkcs8' }).toString();
const clients = { isRevoked: jest.fn(async () => false) } as unknown as ServiceClientsService;

type Outcome = { ok: true; principal: Principal } | { ok: false };

/** Runs passport's authenticate() for one bearer token and reports whether it let the request through. */
function authenticate(strategy: JwtStrategy, token: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const hooks = strategy as unknown as Record<string, unknown>;
    hooks.success = (principal: Principal) => resolve({ ok: true, principal });
    hooks.fail = () => resolve({ ok: false });
    hooks.error = (error: unknown) => reject(error);
    (strategy as unknown as { authenticate(req: unknown): void }).authenticate({ headers: { authorization: `Bearer ${token}` } });
  });
}

function strategyWith(keys: Array<{ kid: string; key: KeyObject }>) {
  const config = new AppConfig({ DATA_DIR: 'memory://jwt-strategy', AUTH_SIGNING_KEYS: JSON.stringify(keys.map((k) => ({ kid: k.kid, private_key: pem(k.key) }))) });
  const signing = new TokenSigningService(config);
  const registry = new IssuerRegistry(config, signing);
  return { signing, registry, strategy: new JwtStrategy(registry, clients) };
}

describe('JwtStrategy', () => {
  const rsa = generatePrivateKey({ type: 'rsa', modulusLength: 2048 });
  const ec = generatePrivateKey({ type: 'ec', namedCurve: 'P-256' });
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({ iss: 'urn:dynamic-mcp-agent', aud: 'dynamic-mcp-agent', sub: 'u1', scope: 'sessions', iat: now(), exp: now() + 600 });

  it('verifies with the key of the token kid, for the current and a rotated-out key, request after request', async () => {
    const { strategy } = strategyWith([{ kid: 'new', key: ec }, { kid: 'old', key: rsa }]);
    const current = signJwt(claims(), signingKeyFrom('new', ec));
    const previous = signJwt(claims(), signingKeyFrom('old', rsa));
    for (const token of [current, previous, current, previous]) {
      expect(await authenticate(strategy, token)).toEqual({ ok: true, principal: expect.objectContaining({ ownerId: 'u1', kind: 'user' }) });
    }
  });

  it('hands jsonwebtoken the registry key object itself: no PEM export (and re-parse) per request', async () => {
    const { strategy, signing } = strategyWith([{ kid: 'new', key: ec }]);
    const token = signing.issueAccessToken({ subject: 'u1', kind: 'user', scopes: [] }).accessToken;
    const exported = jest.spyOn(signing.verificationKey('new')?.publicKey as KeyObject, 'export');
    try {
      expect(await authenticate(strategy, token)).toMatchObject({ ok: true });
      expect(await authenticate(strategy, token)).toMatchObject({ ok: true });
      expect(exported).not.toHaveBeenCalled();
    } finally {
      exported.mockRestore();
    }
  });

  it('refuses a token whose kid was retired, one with an unknown kid, and one signed by another key under a known kid', async () => {
    const { strategy } = strategyWith([{ kid: 'new', key: ec }]);
    const forger = generatePrivateKey({ type: 'ec', namedCurve: 'P-256' });
    expect(await authenticate(strategy, signJwt(claims(), signingKeyFrom('old', rsa)))).toEqual({ ok: false });
    expect(await authenticate(strategy, signJwt(claims(), signingKeyFrom('nobody', ec)))).toEqual({ ok: false });
    expect(await authenticate(strategy, signJwt(claims(), signingKeyFrom('new', forger)))).toEqual({ ok: false });
  });
});
