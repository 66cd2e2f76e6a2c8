import { randomUUID } from 'node:crypto';
import { PrismaService } from '../../src/database/prisma.service';
import { AgentsRepository } from '../../src/modules/agents/agents.repository';
import { SessionsRepository } from '../../src/modules/sessions/sessions.repository';
import { describeEachDatabase } from '../utils/test-database';

const agentInput = (sessionId: string | null) => ({
  id: randomUUID(),
  sessionId,
  name: 'triage',
  instructions: 'do it',
  workflow: { steps: [] },
  serverInfo: {},
  servers: [{ serverId: 'io.example/mail', name: 'Mail', transport: 'stdio', command: 'npx', args: ['-y', 'mail'], env: { TOKEN: { $credential: 'io.example/mail/TOKEN' } }, url: null, headers: {} }],
});

describeEachDatabase('sessions and agents repositories', (db) => {
  let prisma: PrismaService;
  let sessions: SessionsRepository;
  let agents: AgentsRepository;
  beforeAll(() => {
    prisma = new PrismaService(db());
    sessions = new SessionsRepository(prisma);
    agents = new AgentsRepository(prisma);
  });
  afterAll(() => prisma.$disconnect());

  it('does not return, list, delete or write another owner\'s session', async () => {
    const mine = await sessions.createSession('alice', { step: 1 });
    expect(await sessions.findOwnedSession('bob', mine.id)).toBeUndefined();
    expect((await sessions.listOwnedSessions('bob', { limit: 10, offset: 0 })).totalCount).toBe(0);
    expect(await sessions.deleteOwnedSession('bob', mine.id)).toBe(false);
    await expect(sessions.recordTurn('bob', { sessionId: mine.id, context: {}, messages: [{ role: 'user', content: 'x', metadata: {} }] })).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    expect(await sessions.listOwnedMessages('alice', mine.id)).toEqual([]);
    expect((await sessions.findOwnedSession('alice', mine.id))?.context).toEqual({ step: 1 });
  });

  it('records a turn in order with its context, paginates history, and deletes messages with the session', async () => {
    const session = await sessions.createSession('carol', {});
    const written = await sessions.recordTurn('carol', { sessionId: session.id, context: { plan: 'p' }, status: 'active', messages: [{ role: 'user', content: 'q', metadata: {} }, { role: 'assistant', content: 'a', metadata: { status: 'analyzing' } }] });
    expect(written.map((m) => [m.role, m.metadata])).toEqual([['user', {}], ['assistant', { status: 'analyzing' }]]);
    expect(written[0].createdAt.getTime()).toBeLessThan(written[1].createdAt.getTime());
    await sessions.createSession('carol', {});
    const page = await sessions.listOwnedHistory('carol', { limit: 1, offset: 0 }, session.id);
    expect(page.totalCount).toBe(1);
    expect(page.items[0].messages.map((m) => [m.role, m.content])).toEqual([['user', 'q'], ['assistant', 'a']]);
    expect(page.items[0].context).toEqual({ plan: 'p' });
    expect((await sessions.listOwnedSessions('carol', { limit: 1, offset: 1 })).items).toHaveLength(1);
    expect(await sessions.deleteOwnedSession('carol', session.id)).toBe(true);
    expect(await prisma.chatMessage.count({ where: { sessionId: session.id } })).toBe(0);
  });

  it('creates an agent and its session turn atomically: a failing turn leaves no agent', async () => {
    const before = await prisma.agent.count();
    const input = agentInput(randomUUID());
    await expect(agents.createAgent('dave', input, { sessionId: input.sessionId as string, context: {}, messages: [{ role: 'assistant', content: 'done', metadata: {} }] })).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    expect(await prisma.agent.count()).toBe(before);
    expect(await prisma.agentServer.count({ where: { agentId: input.id } })).toBe(0);

    const session = await sessions.createSession('dave', {});
    const ok = agentInput(session.id);
    const created = await agents.createAgent('dave', ok, { sessionId: session.id, context: { agent_id: ok.id }, messages: [{ role: 'assistant', content: 'done', metadata: { agent_id: ok.id } }] });
    expect(created.servers[0].env).toEqual({ TOKEN: { $credential: 'io.example/mail/TOKEN' } });
    expect((await sessions.findOwnedSession('dave', session.id))?.context).toEqual({ agent_id: ok.id });
  });

  it('does not return, list or delete another owner\'s agent, and keeps agents when their session goes', async () => {
    const session = await sessions.createSession('erin', {});
    const agent = await agents.createAgent('erin', agentInput(session.id));
    expect(await agents.findOwnedAgent('frank', agent.id)).toBeUndefined();
    expect((await agents.listOwnedAgents('frank', { limit: 10, offset: 0 })).totalCount).toBe(0);
    expect(await agents.deleteOwnedAgent('frank', agent.id)).toBe(false);
    await sessions.deleteOwnedSession('erin', session.id);
    expect((await agents.findOwnedAgent('erin', agent.id))?.sessionId).toBe(session.id);
    expect(await agents.deleteOwnedAgent('erin', agent.id)).toBe(true);
  });
});
