import request from 'supertest';
import { DatabaseConnection } from '../../src/database/database-connection';
import { FakeAnthropic, githubToSlackScript, startFakeAnthropic } from '../fakes/anthropic-messages.server';
import { bearerFor } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { describeEachDatabase } from '../utils/test-database';

const GITHUB = 'github.com/github/github-mcp-server';
const SLACK = 'github.com/modelcontextprotocol/servers/src/slack';
const GITHUB_TOKEN = `ghp_${'A1b2C3d4E5'.repeat(4)}`;
const SLACK_TOKEN = 'xoxb-1234567890-abcdefghijklmnopqrst';

/** The starter catalog is imported and indexed as the app starts; the journey begins once search sees it. */
async function untilCatalogSearchable(t: TestApp, bearer: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const res = await request(t.app.getHttpServer()).get('/api/catalog/search?q=GitHub%20issues%20Slack&limit=5').set('authorization', bearer);
    const ids = (res.body.results ?? []).map((r: { id: string }) => r.id);
    if (ids.includes(GITHUB) && ids.includes(SLACK)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the starter catalog never became searchable');
}

describeEachDatabase('chat journey with the offline planner', (db: () => DatabaseConnection) => {
  let t: TestApp;
  let alice: string;
  let bob: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await createTestApp({ db: db() });
    alice = await bearerFor(t.app, { ownerId: 'alice' });
    bob = await bearerFor(t.app, { ownerId: 'bob' });
    await untilCatalogSearchable(t, alice);
  });
  afterAll(() => t.close());

  it('walks request → pending_credentials → credentials → success with an agent referencing the stored credentials', async () => {
    const first = await http().post('/api/chat').set('authorization', alice).send({ message: 'When a GitHub issue is labelled bug, post it to Slack' }).expect(200);
    expect(first.body).toMatchObject({ status: 'pending_credentials', agent_created: false, agent_id: null, required_files: [] });
    expect(first.body.selected_servers.map((s: { id: string }) => s.id)).toEqual([GITHUB, SLACK]);
    const needed = first.body.required_credentials.map((c: { mcp_server: string; credential_key: string }) => `${c.mcp_server}/${c.credential_key}`);
    expect(needed.sort()).toEqual([`${GITHUB}/GITHUB_PERSONAL_ACCESS_TOKEN`, `${SLACK}/SLACK_BOT_TOKEN`, `${SLACK}/SLACK_TEAM_ID`].sort());
    for (const c of first.body.required_credentials) expect(c.instructions.length).toBeGreaterThanOrEqual(3);
    expect(first.body.workflow.steps.map((s: { server: string }) => s.server)).toEqual([GITHUB, SLACK]);
    const sessionId = first.body.session_id;

    const partial = await http()
      .post('/api/chat')
      .set('authorization', alice)
      .send({ message: 'here is my GitHub token and a Slack one', session_id: sessionId, credentials: { [GITHUB]: { GITHUB_PERSONAL_ACCESS_TOKEN: GITHUB_TOKEN }, Slack: { SLACK_BOT_TOKEN: 'xoxp-wrong-kind-of-token' } } })
      .expect(200);
    expect(partial.body.status).toBe('pending_credentials');
    const stillNeeded = partial.body.required_credentials.map((c: { credential_key: string }) => c.credential_key).sort();
    expect(stillNeeded).toEqual(['SLACK_BOT_TOKEN', 'SLACK_TEAM_ID']);
    expect(partial.body.required_credentials.find((c: { credential_key: string }) => c.credential_key === 'SLACK_BOT_TOKEN').reason).toMatch(/xoxb/);
    expect(partial.body.reply).toContain('SLACK_BOT_TOKEN');
    expect(JSON.stringify(partial.body)).not.toContain(GITHUB_TOKEN);

    const done = await http()
      .post('/api/chat')
      .set('authorization', alice)
      .send({ message: 'and the Slack ones', session_id: sessionId, credentials: { Slack: { SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_TEAM_ID: 'T0123ABCD' } } })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'success', agent_created: true, required_credentials: [], session_id: sessionId });
    const agent = await http().get(`/api/agents/${done.body.agent_id}`).set('authorization', alice).expect(200);
    const slack = agent.body.servers.find((s: { server_id: string }) => s.server_id === SLACK);
    expect(slack).toMatchObject({ command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'], env: { SLACK_BOT_TOKEN: { $credential: `${SLACK}/SLACK_BOT_TOKEN` }, SLACK_TEAM_ID: { $credential: `${SLACK}/SLACK_TEAM_ID` } } });
    expect(agent.body.servers.find((s: { server_id: string }) => s.server_id === GITHUB)).toMatchObject({ command: 'docker', env: { GITHUB_PERSONAL_ACCESS_TOKEN: { $credential: `${GITHUB}/GITHUB_PERSONAL_ACCESS_TOKEN` } } });
    expect(JSON.stringify(agent.body)).not.toContain(SLACK_TOKEN);
    expect(JSON.stringify(agent.body)).not.toContain(GITHUB_TOKEN);
    expect(agent.body.session_id).toBe(sessionId);

    const session = await http().get(`/api/sessions/${sessionId}`).set('authorization', alice).expect(200);
    expect(session.body.context).toMatchObject({ status: 'success', agent_id: done.body.agent_id });
    const again = await http().post('/api/chat').set('authorization', alice).send({ message: 'thanks!', session_id: sessionId }).expect(200);
    expect(again.body).toMatchObject({ status: 'success', agent_id: done.body.agent_id });
    const agents = await http().get('/api/agents').set('authorization', alice).expect(200);
    expect(agents.body.total_count).toBe(1);
    for (const line of t.logs) expect(line).not.toContain(SLACK_TOKEN);
  });

  it('keeps history per session with messages and metadata, and hides it from other owners', async () => {
    const res = await http().post('/api/chat').set('authorization', alice).send({ message: 'Save web pages with fetch' }).expect(200);
    const history = await http().get(`/api/chat/history?session_id=${res.body.session_id}`).set('authorization', alice).expect(200);
    expect(history.body.total_count).toBe(1);
    const [user, assistant] = history.body.sessions[0].messages;
    expect(user).toMatchObject({ role: 'user', message: 'Save web pages with fetch' });
    expect(assistant).toMatchObject({ role: 'assistant', metadata: { status: res.body.status } });
    await http().get(`/api/chat/history?session_id=${res.body.session_id}`).set('authorization', bob).expect(404);
    const bobs = await http().get('/api/chat/history').set('authorization', bob).expect(200);
    expect(bobs.body).toEqual({ sessions: [], total_count: 0 });
  });

  it('understands misspelt product names: the same servers and credentials as the names spelt right', async () => {
    // A new owner, so the reply still lists what is missing.
    const carol = await bearerFor(t.app, { ownerId: 'carol' });
    const res = await http().post('/api/chat').set('authorization', carol).send({ message: 'When a GitHub issue is labelled bug, post it to Slakc' }).expect(200);
    expect(res.body.status).toBe('pending_credentials');
    expect(res.body.selected_servers.map((s: { id: string }) => s.id)).toEqual([GITHUB, SLACK]);
    const needed = res.body.required_credentials.map((c: { credential_key: string }) => c.credential_key).sort();
    expect(needed).toEqual(['GITHUB_PERSONAL_ACCESS_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_TEAM_ID']);
  });

  it('answers a request that matches nothing with analyzing and a question', async () => {
    const res = await http().post('/api/chat').set('authorization', alice).send({ message: 'frobnicate the quux zorbly' }).expect(200);
    expect(res.body).toMatchObject({ status: 'analyzing', selected_servers: [], agent_created: false, agent_id: null });
    expect(res.body.reply).toMatch(/\?/);
  });

  it('refuses bad input with 4xx and never creates half an agent', async () => {
    const bad = async (body: object, status: number, code: string) => {
      const res = await http().post('/api/chat').set('authorization', alice).send(body).expect(status);
      expect(res.body.error.code).toBe(code);
    };
    await bad({ message: '' }, 400, 'VALIDATION_FAILED');
    await bad({ message: '   ' }, 400, 'VALIDATION_FAILED');
    await bad({ message: 'x'.repeat(8001) }, 400, 'VALIDATION_FAILED');
    await bad({ message: 'hi', session_id: 'not-a-uuid' }, 400, 'VALIDATION_FAILED');
    await bad({ message: 'hi', session_id: '00000000-0000-4000-8000-000000000000' }, 404, 'SESSION_NOT_FOUND');
    await bad({ message: 'hi', credentials: { x: 'flat' } }, 400, 'VALIDATION_FAILED');
    await bad({ message: 'hi', credentials: [1, 2] }, 400, 'VALIDATION_FAILED');
    await bad({ message: 'hi', files: [{ filename: 'a.json', content: '***', type: 'credential' }] }, 400, 'VALIDATION_FAILED');
    await bad({ message: 'hi', files: [{ filename: 'a.json', content: 'e30=', type: 'weird' }] }, 400, 'VALIDATION_FAILED');
    const mine = await http().post('/api/chat').set('authorization', alice).send({ message: 'post to Slack' }).expect(200);
    const res = await http().post('/api/chat').set('authorization', bob).send({ message: 'hi', session_id: mine.body.session_id }).expect(404);
    expect(res.body.error.code).toBe('SESSION_NOT_FOUND');
    await http().post('/api/chat').send({ message: 'hi' }).expect(401);
  });

  it('streams progress events ending with the same body', async () => {
    const res = await http()
      .post('/api/chat')
      .set('authorization', alice)
      .set('accept', 'text/event-stream')
      .send({ message: 'When a GitHub issue is labelled bug, post it to Slack' }) // alice stored both servers' credentials above
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => done(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/text\/event-stream/);
    const events = String(res.body)
      .trim()
      .split('\n\n')
      .map((block) => ({ event: /event: (.+)/.exec(block)?.[1], data: JSON.parse(/data: (.+)/.exec(block)?.[1] ?? 'null') }));
    expect(events.map((e) => e.event)).toEqual(['analysis', 'servers', 'credentials', 'workflow', 'agent', 'done']);
    const done = events[events.length - 1].data;
    expect(done).toMatchObject({ session_id: expect.any(String), status: 'success', agent_created: true });
    expect(events[4].data).toEqual({ agent_id: done.agent_id, created: true });
    const sse404 = await http().post('/api/chat').set('authorization', alice).set('accept', 'text/event-stream').send({ message: 'hi', session_id: '00000000-0000-4000-8000-000000000000' }).expect(404);
    expect(sse404.body.error.code).toBe('SESSION_NOT_FOUND');
  });
});

describeEachDatabase('chat journey with the Claude planner against a local Messages API', (db: () => DatabaseConnection) => {
  let t: TestApp;
  let fake: FakeAnthropic;
  let alice: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    t = await createTestApp({ db: db(), env: { ANTHROPIC_API_KEY: 'sk-ant-e2e', ANTHROPIC_BASE_URL: fake.url, PLANNER_MAX_RETRIES: '1' } });
    alice = await bearerFor(t.app, { ownerId: 'alice' });
    await untilCatalogSearchable(t, alice);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('walks the same journey, and no credential value reaches the model', async () => {
    fake.script.push(...githubToSlackScript(GITHUB, SLACK));
    const first = await http().post('/api/chat').set('authorization', alice).send({ message: 'When a GitHub issue is labelled bug, post it to Slack' }).expect(200);
    expect(first.body).toMatchObject({ status: 'pending_credentials', selected_servers: [{ id: GITHUB, score: 0.93 }, { id: SLACK, score: 0.91 }] });
    expect(first.body.workflow.steps).toEqual([
      { order: 1, description: 'Find issues labelled bug', server: GITHUB, tool: 'list_issues' },
      { order: 2, description: 'Post each to #eng', server: SLACK, tool: 'slack_post_message' },
    ]);
    expect(first.body.required_credentials.map((c: { credential_key: string }) => c.credential_key).sort()).toEqual(['GITHUB_PERSONAL_ACCESS_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_TEAM_ID']);
    expect(fake.requests).toHaveLength(3);

    const done = await http()
      .post('/api/chat')
      .set('authorization', alice)
      .send({ message: 'Here they are', session_id: first.body.session_id, credentials: { [GITHUB]: { GITHUB_PERSONAL_ACCESS_TOKEN: GITHUB_TOKEN }, Slack: { SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_TEAM_ID: 'T0123ABCD' } } })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'success', agent_created: true, selected_servers: first.body.selected_servers });
    expect(fake.requests).toHaveLength(4);
    expect(fake.requests[3].raw).toContain('Previous plan');
    for (const r of fake.requests) {
      expect(r.raw).not.toContain(GITHUB_TOKEN);
      expect(r.raw).not.toContain(SLACK_TOKEN);
    }
    const agent = await http().get(`/api/agents/${done.body.agent_id}`).set('authorization', alice).expect(200);
    expect(agent.body.servers.find((s: { server_id: string }) => s.server_id === SLACK)).toMatchObject({ command: 'npx', env: { SLACK_BOT_TOKEN: { $credential: `${SLACK}/SLACK_BOT_TOKEN` } } });
  });

  it('answers status error, not a 5xx, when the model API keeps failing', async () => {
    fake.script.push({ status: 500, error: 'api_error' }, { status: 500, error: 'api_error' });
    const res = await http().post('/api/chat').set('authorization', alice).send({ message: 'Post GitHub bugs to Slack' }).expect(200);
    expect(res.body).toMatchObject({ status: 'error', agent_created: false, agent_id: null });
  });
});
