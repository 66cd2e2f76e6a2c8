import { Controller, Get } from '@nestjs/common';
import request from 'supertest';
import { Public } from '../../../src/common/decorators/public.decorator';
import { DatabaseConnection } from '../../../src/database/database-connection';
import { ALL_SCOPES } from '../../../src/modules/auth/auth.scopes';
import { bearerFor } from '../../utils/auth';
import { listRoutes } from '../../utils/route-table';
import { createTestApp, TestApp } from '../../utils/test-app';
import { openTestDatabase } from '../../utils/test-database';

@Controller('test-only/route-table')
class UndeclaredProbeController {
  @Get('forgotten') forgotten(): string {
    return 'should never be reached';
  }
  @Get('open') @Public() open(): string {
    return 'ok';
  }
}

describe('the route table', () => {
  let db: DatabaseConnection;
  let t: TestApp;

  beforeAll(async () => {
    db = await openTestDatabase('embedded');
    t = await createTestApp({ db });
  });
  afterAll(async () => {
    await t.close();
    await db.close();
  });

  it('declares @Public() or @Scopes(...) on every route of the application', () => {
    const routes = listRoutes(t.app);
    expect(routes.length).toBeGreaterThan(5);
    const undeclared = routes.filter((r) => !r.isPublic && r.scopes === undefined).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('uses only scopes that exist, so a typo cannot lock a route for good', () => {
    const unknown = listRoutes(t.app).flatMap((r) => (r.scopes ?? []).filter((s) => !ALL_SCOPES.includes(s)).map((s) => `${r.method} ${r.path}: ${s}`));
    expect(unknown).toEqual([]);
  });

  it('keeps the contract\'s public routes public and everything under /api/ protected except sign-in', () => {
    const routes = listRoutes(t.app);
    const publicPaths = routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`);
    expect(publicPaths).toEqual(expect.arrayContaining(['GET /health', 'POST /oauth/token', 'GET /.well-known/jwks.json', 'POST /api/auth/google', 'POST /api/auth/refresh']));
    const openApi = publicPaths.filter((p) => p.includes(' /api/') && !p.includes(' /api/auth/'));
    expect(openApi).toEqual([]);
  });
});

describe('the route-table check itself', () => {
  it('finds a route that declares nothing, and the guard refuses it', async () => {
    const db = await openTestDatabase('embedded');
    const t = await createTestApp({ db, controllers: [UndeclaredProbeController] });
    try {
      const undeclared = listRoutes(t.app).filter((r) => !r.isPublic && r.scopes === undefined).map((r) => `${r.method} ${r.path}`);
      expect(undeclared).toEqual(['GET /test-only/route-table/forgotten']);
      const res = await request(t.app.getHttpServer()).get('/test-only/route-table/forgotten').set('authorization', await bearerFor(t.app)).expect(403);
      expect(res.body.error.code).toBe('ROUTE_ACCESS_UNDECLARED');
    } finally {
      await t.close();
      await db.close();
    }
  });
});
