import request from 'supertest';
import { DatabaseConnection } from '../../src/database/database-connection';
import { USER_SCOPES } from '../../src/modules/auth/auth.scopes';
import { BOLA_EXEMPT_ROUTES, BOLA_REQUEST_BODIES, OWNED_RESOURCE_FACTORIES, RouteParams } from '../factories/owned-resources';
import { bearerFor } from '../utils/auth';
import { listRoutes, RouteInfo } from '../utils/route-table';
import { createTestApp, TestApp } from '../utils/test-app';
import { describeEachDatabase } from '../utils/test-database';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const keyOf = (r: RouteInfo) => `${r.method} ${r.path}`;
const paramsIn = (pattern: string) => [...pattern.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);

/** The longest registered pattern that prefixes the route (by segment) and names all its parameters. */
function factoryPatternFor(route: RouteInfo): string | undefined {
  return Object.keys(OWNED_RESOURCE_FACTORIES)
    .filter((p) => (route.path === p || route.path.startsWith(`${p}/`)) && route.params.every((name) => paramsIn(p).includes(name)))
    .sort((a, b) => b.length - a.length)[0];
}

function urlFor(route: RouteInfo, params: RouteParams): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(params[name]));
}

/** Callable by a plain user: owned data is what users (and clients) create; admin routes are not owned. */
const ownedRoutes = (routes: RouteInfo[]) => routes.filter((r) => !r.isPublic && (r.scopes ?? []).every((s) => USER_SCOPES.includes(s)));

describeEachDatabase('BOLA matrix over the route table', (db: () => DatabaseConnection) => {
  let t: TestApp;
  let routes: RouteInfo[];
  let alice: string;
  let bob: string;
  const http = () => request(t.app.getHttpServer());
  const aliceParams = new Map<string, RouteParams>();
  const listSnapshots = new Map<string, string>();

  const call = (route: RouteInfo, bearer: string, params: RouteParams) => {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
    return http()[method](urlFor(route, params)).set('authorization', bearer).send(BOLA_REQUEST_BODIES[keyOf(route)] ?? {});
  };
  const listRoutesOf = () => ownedRoutes(routes).filter((r) => r.method === 'GET' && r.params.length === 0);
  // What A sees on a list route; errors compare by status alone (their bodies carry a fresh request id).
  const snapshot = async (route: RouteInfo) => {
    const res = await call(route, alice, {});
    return res.status >= 300 ? `status ${res.status}` : JSON.stringify(res.body, (key, value: unknown) => (key === 'took_ms' ? undefined : value));
  };

  beforeAll(async () => {
    t = await createTestApp({ db: db() });
    routes = listRoutes(t.app);
    alice = await bearerFor(t.app, { ownerId: 'bola-owner-a' });
    bob = await bearerFor(t.app, { ownerId: 'bola-owner-b' });
    // B owns nothing yet: a resource B owned under the same names (a credential's server/key) would
    // make B's calls legitimately reach B's own row.
    for (const [pattern, factory] of Object.entries(OWNED_RESOURCE_FACTORIES)) aliceParams.set(pattern, await factory(http(), alice));
    for (const route of listRoutesOf()) listSnapshots.set(keyOf(route), await snapshot(route));
  });
  afterAll(() => t.close());

  it('has a factory or a stated exemption for every route with parameters, and no stale exemptions', () => {
    const withParams = ownedRoutes(routes).filter((r) => r.params.length > 0);
    const uncovered = withParams.filter((r) => !BOLA_EXEMPT_ROUTES[keyOf(r)] && !factoryPatternFor(r)).map(keyOf);
    expect(uncovered).toEqual([]);
    const all = new Set(routes.map(keyOf));
    expect(Object.keys(BOLA_EXEMPT_ROUTES).filter((k) => !all.has(k))).toEqual([]);
    expect(withParams.length).toBeGreaterThan(0);
  });

  it("answers 404 to owner B on every route naming owner A's resources", async () => {
    const targets = ownedRoutes(routes).filter((r) => r.params.length > 0 && !BOLA_EXEMPT_ROUTES[keyOf(r)] && factoryPatternFor(r));
    // Destructive calls last, so an unexpected success cannot hide the other routes' answers.
    targets.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    const wrong: string[] = [];
    for (const route of targets) {
      const res = await call(route, bob, aliceParams.get(factoryPatternFor(route) as string) as RouteParams);
      if (res.status !== 404) wrong.push(`${keyOf(route)} → ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("leaves owner A's resources reachable and unchanged for A", async () => {
    const reads = ownedRoutes(routes).filter((r) => r.method === 'GET' && r.params.length > 0 && factoryPatternFor(r));
    for (const route of reads) {
      const res = await call(route, alice, aliceParams.get(factoryPatternFor(route) as string) as RouteParams);
      expect(`${keyOf(route)} → ${res.status}`).toBe(`${keyOf(route)} → 200`);
    }
    for (const route of listRoutesOf()) expect(await snapshot(route)).toBe(listSnapshots.get(keyOf(route)));
  });

  it("never lists owner A's ids to owner B", async () => {
    const aliceIds = [...aliceParams.values()].flatMap((p) => Object.values(p)).filter((v) => UUID.test(v));
    expect(aliceIds.length).toBeGreaterThan(0);
    // Now B creates one of everything too, so its lists are not trivially empty.
    for (const factory of Object.values(OWNED_RESOURCE_FACTORIES)) await factory(http(), bob);
    const leaks: string[] = [];
    for (const route of listRoutesOf()) {
      const res = await call(route, bob, {});
      for (const id of aliceIds) if (res.text.includes(id)) leaks.push(`${keyOf(route)} shows ${id}`);
    }
    expect(leaks).toEqual([]);
  });
});
