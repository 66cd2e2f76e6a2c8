import type request from 'supertest';

/**
 * The registry behind the BOLA matrix (test/e2e/bola.e2e.spec.ts).
 *
 * The matrix walks the application's route table. Every protected route with a path parameter is
 * called by owner B with the parameters of resources owner A created, and must answer 404; every
 * protected list route (GET without parameters) called by B must not mention A's ids. A route with
 * parameters needs either:
 *   - a factory here, keyed by the route pattern prefix it creates parameters for (e.g.
 *     `/api/sessions/:id` serves `/api/sessions/:id`, `/api/sessions/:id/messages`, DELETE ...), that
 *     creates one resource as the given owner over HTTP and returns a value for every parameter
 *     (`{ id }`, `{ server, key }`, `{ id, run_id }`); the longest matching prefix wins; or
 *   - an entry in BOLA_EXEMPT_ROUTES saying why it is not owned data.
 * A new route with neither fails the matrix, so adding a route means adding its factory.
 */
export type Http = ReturnType<typeof request>;
export type RouteParams = Record<string, string>;
export type OwnedResourceFactory = (http: Http, bearer: string) => Promise<RouteParams>;

const SLACK = 'github.com/modelcontextprotocol/servers/src/slack';

function created(res: { status: number; body: unknown; text: string }, what: string): Record<string, unknown> {
  if (res.status < 200 || res.status >= 300) throw new Error(`creating ${what} answered ${res.status}: ${res.text.slice(0, 300)}`);
  return res.body as Record<string, unknown>;
}

export const OWNED_RESOURCE_FACTORIES: Record<string, OwnedResourceFactory> = {
  '/api/sessions/:id': async (http, bearer) => {
    const body = created(await http.post('/api/sessions').set('authorization', bearer), 'a session');
    return { id: String(body.id) };
  },

  '/api/agents/:id': async (http, bearer) => {
    const res = await http
      .post('/api/agents/create')
      .set('authorization', bearer)
      .send({
        mcp_config: { mcpServers: { [SLACK]: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'], env: {} } } },
        user_prompt: 'Post a daily summary to #general',
      });
    return { id: String(created(res, 'an agent').agent_id) };
  },

  // A credential is named by (server, key) within its owner: the same names under another owner are a different row.
  '/api/credentials/:server/:key': async (http, bearer) => {
    const res = await http.put(`/api/credentials/${encodeURIComponent(SLACK)}/SLACK_TEAM_ID`).set('authorization', bearer).send({ value: 'T0123ABCD' });
    created(res, 'a credential');
    return { server: SLACK, key: 'SLACK_TEAM_ID' };
  },
  '/api/credentials/:server': async (http, bearer) => {
    const { server } = await OWNED_RESOURCE_FACTORIES['/api/credentials/:server/:key'](http, bearer);
    return { server };
  },
};

/** `METHOD /pattern` → why it is outside the matrix. Entries naming no existing route fail the matrix. */
export const BOLA_EXEMPT_ROUTES: Record<string, string> = {
  // The catalog is shared reference data: every owner reads the same records.
  'GET /api/catalog/servers/:id': 'catalog records are not owned',
  // Service clients are administered with clients:admin, which owners do not hold.
  'DELETE /api/admin/clients/:client_id': 'service clients are administered, not owned',
  // PUT creates or replaces the CALLER's credential under that name; it never reads or changes another
  // owner's row (the matrix checks afterwards that A still sees its own credential unchanged).
  'PUT /api/credentials/:server/:key': "writes only the caller's own credential",
};

/** Bodies for routes whose validation would otherwise answer 400 before ownership is even looked at. */
export const BOLA_REQUEST_BODIES: Record<string, object> = {};
