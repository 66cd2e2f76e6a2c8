import type { Principal } from '../../common/auth/principal';
import { LaunchNotSanctionedError } from '../agents/agents.errors';
import type { AgentsService } from '../agents/agents.service';
import type { CredentialsPort, MissingCredentials } from '../agents/ports/credentials.port';
import type { SessionsService } from '../sessions/sessions.service';
import type { SessionRecord, SessionTurn } from '../sessions/session.types';
import type { CredentialIntake } from './credential-intake';
import { MasterAgentService } from './master-agent.service';
import { Plan, Planner } from './plan.types';

const SLACK = 'github.com/modelcontextprotocol/servers/src/slack';
const principal: Principal = { ownerId: 'alice', kind: 'user', scopes: ['chat'], issuer: 'test' };
const plan: Plan = {
  understood: true,
  selected: [{ id: SLACK, name: 'Slack', score: 0.9, reason: 'posts' }],
  steps: [{ order: 1, description: 'Post', server: SLACK, tool: 'slack_post_message' }],
  capabilities: [{ name: 'chat-post', phrase: 'post to Slack', server: SLACK }],
};
const none: MissingCredentials = { required_credentials: [], required_files: [], optional: [] };
const token: MissingCredentials = { ...none, required_credentials: [{ mcp_server: SLACK, credential_key: 'SLACK_BOT_TOKEN', description: 'd', instructions: ['a', 'b', 'c'] }] };

function setup(context: Record<string, unknown> = {}) {
  const calls: string[] = [];
  const session: SessionRecord = { id: 's1', ownerId: 'alice', status: 'active', context, createdAt: new Date(), updatedAt: new Date() };
  const planner = { name: 'fake', plan: jest.fn(async () => (calls.push('plan'), plan)) };
  const intake = { store: jest.fn(async () => (calls.push('store'), [])) };
  const credentials = { missingFor: jest.fn(async () => (calls.push('missing'), none)), storeMany: jest.fn() };
  const sessions = {
    requireWithRecent: jest.fn(async () => ({ session, recent: [] })),
    draft: jest.fn(() => session),
    recordTurn: jest.fn(async (_owner: string, _turn: SessionTurn) => []),
  };
  const agents = { createFromPlan: jest.fn(async (_o: string, _p: unknown, _s: string, turn: (id: string) => SessionTurn) => (turn('agent-1'), { id: 'agent-1' })) };
  const service = new MasterAgentService(planner as unknown as Planner, intake as unknown as CredentialIntake, credentials as unknown as CredentialsPort, sessions as unknown as SessionsService, agents as unknown as AgentsService);
  return { service, planner, intake, credentials, sessions, agents, calls };
}

describe('MasterAgentService', () => {
  const emit = jest.fn();

  it('stores supplied credentials before asking what is missing, and answers pending_credentials', async () => {
    const t = setup();
    t.credentials.missingFor.mockImplementation(async () => (t.calls.push('missing'), token));
    const res = await t.service.handle(principal, { message: 'post to Slack', credentials: { Slack: { SLACK_TEAM_ID: 'T1' } } }, emit);
    expect(t.calls).toEqual(['plan', 'store', 'missing']);
    expect(res).toMatchObject({ status: 'pending_credentials', agent_created: false, agent_id: null, required_credentials: token.required_credentials });
    expect(t.agents.createFromPlan).not.toHaveBeenCalled();
    const turn = t.sessions.recordTurn.mock.calls[0][1];
    expect(turn).toMatchObject({ sessionId: 's1', create: true });
    expect(turn.context).toMatchObject({ plan, status: 'pending_credentials', request: 'post to Slack' });
    expect(JSON.stringify(turn)).not.toContain('T1');
  });

  it('creates the agent once with the session turn when nothing is missing, and reuses it for an unchanged plan', async () => {
    const t = setup();
    const res = await t.service.handle(principal, { message: 'post to Slack' }, emit);
    expect(res).toMatchObject({ status: 'success', agent_created: true, agent_id: 'agent-1' });
    expect(t.sessions.recordTurn).not.toHaveBeenCalled();
    const context = (t.agents.createFromPlan.mock.calls[0][3] as (id: string) => SessionTurn)('agent-1').context;
    const again = setup(context);
    const second = await again.service.handle(principal, { message: 'thanks', session_id: 's1' }, emit);
    expect(second).toMatchObject({ status: 'success', agent_id: 'agent-1' });
    expect(again.agents.createFromPlan).not.toHaveBeenCalled();
    expect(again.sessions.requireWithRecent).toHaveBeenCalledWith('alice', 's1', expect.any(Number));
    expect(again.sessions.recordTurn.mock.calls[0][1].create).toBe(false);
  });

  it('asks for another service (analyzing, nothing created) when the catalog cannot launch a planned server', async () => {
    const t = setup();
    t.agents.createFromPlan.mockRejectedValue(new LaunchNotSanctionedError(`The catalog has no launch option for ${SLACK}`, { mcp_server: SLACK }));
    const res = await t.service.handle(principal, { message: 'post to Slack' }, emit);
    expect(res).toMatchObject({ status: 'analyzing', agent_created: false, agent_id: null, selected_servers: plan.selected });
    expect(res.reply).toContain('no launch configuration for Slack');
    expect(t.sessions.recordTurn.mock.calls[0][1].context).toMatchObject({ plan, status: 'analyzing' });
  });

  it('answers analyzing with the planner question when it did not understand', async () => {
    const t = setup();
    t.planner.plan.mockResolvedValue({ understood: false, clarifyingQuestion: 'Which chat tool?', selected: [], steps: [], capabilities: [] });
    const res = await t.service.handle(principal, { message: 'notify me' }, emit);
    expect(res).toMatchObject({ status: 'analyzing', reply: 'Which chat tool?', selected_servers: [] });
    expect(t.credentials.missingFor).not.toHaveBeenCalled();
  });

  it('answers error (not a throw) when the planner fails, still storing supplied credentials', async () => {
    const t = setup();
    t.planner.plan.mockRejectedValue(new Error('upstream 500'));
    const res = await t.service.handle(principal, { message: 'post to Slack' }, emit);
    expect(res).toMatchObject({ status: 'error', agent_created: false });
    expect(t.intake.store).toHaveBeenCalled();
    expect(t.sessions.recordTurn).toHaveBeenCalled();
  });

  it('keeps a refused credential in the list with its reason', async () => {
    const t = setup();
    t.intake.store.mockResolvedValue([{ mcp_server: SLACK, credential_key: 'SLACK_BOT_TOKEN', ok: false, reason: 'starts with xoxb-' }] as never);
    t.credentials.missingFor.mockResolvedValue(token);
    const res = await t.service.handle(principal, { message: 'post', credentials: { [SLACK]: { SLACK_BOT_TOKEN: 'bad' } } }, emit);
    expect(res.required_credentials[0]).toMatchObject({ credential_key: 'SLACK_BOT_TOKEN', reason: 'starts with xoxb-' });
    expect(res.reply).toContain('starts with xoxb-');
  });
});
