import { Controller, Get } from '@nestjs/common';
import request from 'supertest';
import { Scopes } from '../../../src/common/decorators/scopes.decorator';
import { DatabaseConnection } from '../../../src/database/database-connection';
import { signJwt } from '../../../src/modules/auth/jwt/jwt-codec';
import { generatePrivateKey, signingKeyFrom } from '../../../src/modules/auth/keys/signing-keys';
import { TokenSigningService } from '../../../src/modules/auth/token-signing.service';
import { createTestApp } from '../../utils/test-app';
import { openTestDatabase } from '../../utils/test-database';

@Controller('test-only/rotation')
class PingController {
  @Get() @Scopes() ping(): { ok: true } {
    return { ok: true };
  }
}

const pem = (key: import('node:crypto').KeyObject) => key.export({ format: 'pem', type: 'pkcs8' }).toString();

describe('signing keys from AUTH_SIGNING_KEYS, with rotation', () => {
  const oldKey = generatePrivateKey({ type: 'rsa', modulusLength: 2048 });
  const newKey = generatePrivateKey({ type: 'ec', namedCurve: 'P-256' });
  let db: DatabaseConnection;

  beforeAll(async () => {
    db = await openTestDatabase('embedded');
  });
  afterAll(() => db.close());

  async function withKeys<T>(signingKeys: string, work: (http: () => request.Test, signing: TokenSigningService) => Promise<T>): Promise<T> {
    const t = await createTestApp({ db, env: { AUTH_SIGNING_KEYS: signingKeys }, controllers: [PingController] });
    try {
      return await work(() => request(t.app.getHttpServer()).get('/test-only/rotation'), t.app.get(TokenSigningService));
    } finally {
      await t.close();
    }
  }

  it('signs with the newest key, serves every key, and keeps verifying the old one until it is removed', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: 'urn:dynamic-mcp-agent', aud: 'dynamic-mcp-agent', sub: 'u', scope: '', iat: now, exp: now + 600 };
    const oldToken = signJwt(claims, signingKeyFrom('2026-10', oldKey));
    const both = JSON.stringify([{ kid: '2026-11', private_key: pem(newKey) }, { kid: '2026-10', private_key: pem(oldKey) }]);
    const fresh = await withKeys(both, async (http, signing) => {
      expect(signing.publicJwks().keys.map((k) => `${k.kid}:${k.alg}`)).toEqual(['2026-11:ES256', '2026-10:RS256']);
      const token = signing.issueAccessToken({ subject: 'u', kind: 'user', scopes: [] }).accessToken;
      expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'ES256', kid: '2026-11' });
      await http().set('authorization', `Bearer ${token}`).expect(200);
      await http().set('authorization', `Bearer ${oldToken}`).expect(200);
      return token;
    });
    const der = (newKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64');
    await withKeys(`2026-11:${der}`, async (http) => {
      await http().set('authorization', `Bearer ${fresh}`).expect(200);
      await http().set('authorization', `Bearer ${oldToken}`).expect(401);
    });
  });
});
