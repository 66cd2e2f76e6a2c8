import { StarterCatalogFallback } from '../../../src/modules/agents/ports/starter-catalog.fallback';
import { loadStarterCatalog } from '../../../src/modules/agents/ports/starter-catalog.loader';
import type { CatalogServer } from '../../../src/modules/mcp-catalog/catalog.types';
import { ClaudePlanner } from '../../../src/modules/orchestration/claude/claude.planner';
import type { PlannerInput } from '../../../src/modules/orchestration/plan.types';
import { FakeAnthropic, githubToSlackScript, startFakeAnthropic, toolUse } from '../../fakes/anthropic-messages.server';

const GITHUB = 'github.com/github/github-mcp-server';
const SLACK = 'github.com/modelcontextprotocol/servers/src/slack';
const CANARY = `ghp_${'Canary0Secret9'.repeat(3)}`;

/** 9 unrelated servers per real one: the catalog grows tenfold, searches return the same hits. */
function tenfold(servers: CatalogServer[]): CatalogServer[] {
  const filler = servers.flatMap((s, i) =>
    Array.from({ length: 9 }, (_, j) => ({ ...s, id: `filler/${i}-${j}`, name: `Zyx ${i} ${j}`, description: 'qqq vvv www', categories: ['zzz'], tools: [{ name: 'noop', description: 'nothing' }] })),
  );
  return [...servers, ...filler];
}

describe('ClaudePlanner against a local Messages API', () => {
  let fake: FakeAnthropic;
  const env = { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_MODEL: 'claude-sonnet-5-5', PLANNER_MAX_STEPS: 4, PLANNER_MAX_TOKENS: 1024, PLANNER_TIMEOUT_MS: 10_000, PLANNER_MAX_RETRIES: 2, PLANNER_SEARCH_LIMIT: 5 };
  const planner = (servers = loadStarterCatalog()) => new ClaudePlanner(new StarterCatalogFallback(servers), { ...env, ANTHROPIC_BASE_URL: fake.url });
  const input = (message: string, context: PlannerInput['context'] = {}): PlannerInput => ({ message, history: [], context });

  beforeEach(async () => {
    fake = await startFakeAnthropic();
  });
  afterEach(() => fake.close());

  it('plans through the tools and returns the common plan shape', async () => {
    fake.script.push(...githubToSlackScript(GITHUB, SLACK));
    const plan = await planner().plan(input('When a GitHub issue is labelled bug, post it to Slack'));
    expect(plan).toEqual({
      understood: true,
      selected: [
        { id: GITHUB, name: 'GitHub', score: 0.93, reason: 'reads issues labelled bug' },
        { id: SLACK, name: 'Slack', score: 0.91, reason: 'posts to #eng' },
      ],
      steps: [
        { order: 1, description: 'Find issues labelled bug', server: GITHUB, tool: 'list_issues' },
        { order: 2, description: 'Post each to #eng', server: SLACK, tool: 'slack_post_message' },
      ],
      capabilities: [
        { name: 'issues-read', phrase: 'Find issues labelled bug', server: GITHUB },
        { name: 'chat-post', phrase: 'Post each to #eng', server: SLACK },
      ],
    });
    expect(fake.requests).toHaveLength(3);
    const first = fake.requests[0];
    expect(first.headers.authorization).toBe('Bearer sk-ant-test-key');
    expect(first.body.model).toBe('claude-sonnet-5-5');
    expect(first.body.max_tokens).toBe(1024);
    expect(first.body.tools?.map((t) => t.name)).toEqual(['search_catalog', 'get_server_details', 'propose_workflow', 'create_agent']);
    const results = JSON.stringify(fake.requests[1].body.messages[2]);
    expect(results).toContain('tool_result');
    expect(results).toContain(SLACK);
  });

  it('never puts a credential value into a prompt, only key names and statuses', async () => {
    fake.script.push(...githubToSlackScript(GITHUB, SLACK));
    const context = { missing: { required_credentials: [{ mcp_server: SLACK, credential_key: 'SLACK_BOT_TOKEN', description: '', instructions: [] }], required_files: [] } };
    await planner().plan({ message: `post GitHub bugs to Slack, my token is ${CANARY}`, history: [{ role: 'user', content: `earlier: ${CANARY}` }], context });
    for (const request of fake.requests) expect(request.raw).not.toContain(CANARY);
    expect(fake.requests[0].raw).toContain('[redacted]');
  });

  it('sends requests of the same size whatever the catalog size', async () => {
    fake.script.push(...githubToSlackScript(GITHUB, SLACK));
    await planner().plan(input('When a GitHub issue is labelled bug, post it to Slack'));
    const small = fake.requests.map((r) => r.raw.length);
    fake.requests.length = 0;
    const big = tenfold(loadStarterCatalog());
    expect(big.length).toBe(loadStarterCatalog().length * 10);
    fake.script.push(...githubToSlackScript(GITHUB, SLACK));
    await planner(big).plan(input('When a GitHub issue is labelled bug, post it to Slack'));
    expect(fake.requests.map((r) => r.raw.length)).toEqual(small);
  });

  it('retries 429 and 5xx answers, then succeeds', async () => {
    fake.script.push({ status: 429, error: 'rate_limit_error' }, { status: 529, error: 'overloaded_error' }, ...githubToSlackScript(GITHUB, SLACK));
    const plan = await planner().plan(input('GitHub bugs to Slack'));
    expect(plan.selected.map((s) => s.id)).toEqual([GITHUB, SLACK]);
    expect(fake.requests).toHaveLength(5);
  });

  it('gives up after the retries and surfaces the failure', async () => {
    fake.script.push({ status: 500, error: 'api_error' }, { status: 500, error: 'api_error' }, { status: 500, error: 'api_error' });
    await expect(planner().plan(input('GitHub bugs to Slack'))).rejects.toThrow();
    expect(fake.requests).toHaveLength(3);
  });

  it('turns a question without a proposal into a clarifying question, and keeps a standing plan', async () => {
    fake.script.push({ content: [{ type: 'text', text: 'Which chat tool do you use?' }], stop_reason: 'end_turn' });
    expect(await planner().plan(input('notify me'))).toMatchObject({ understood: false, clarifyingQuestion: 'Which chat tool do you use?', selected: [] });
    const standing = { understood: true, selected: [{ id: SLACK, name: 'Slack', score: 0.9, reason: 'r' }], steps: [{ order: 1, description: 'post', server: SLACK, tool: null }], capabilities: [] };
    expect(await planner().plan(input('here are the tokens', { plan: standing }))).toBe(standing);
    expect(fake.requests[1].raw).toContain('Previous plan');
  });

  it('stops after the step budget and refuses servers the model was never shown', async () => {
    for (let i = 0; i < 10; i++) fake.script.push({ content: [toolUse('propose_workflow', { servers: [{ id: 'io.evil/x', reason: 'r' }], steps: [{ description: 'd', server: 'io.evil/x' }] })], stop_reason: 'tool_use' });
    const plan = await planner().plan(input('do something'));
    expect(plan.understood).toBe(false);
    expect(fake.requests).toHaveLength(env.PLANNER_MAX_STEPS);
    expect(fake.requests[1].raw).toContain('use only servers returned by search_catalog');
  });
});
