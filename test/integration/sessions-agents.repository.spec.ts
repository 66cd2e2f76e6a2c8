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

  it('keeps turns in the order they were recorded when the clock stands still or goes back (another instance, one millisecond)', async () => {
    const session = await sessions.createSession('ivan', {});
    const clock = jest.spyOn(Date, 'now');
    try {
      // Each turn's clock reads earlier than the last one's: only the stored order can keep them apart.
      for (const n of [1, 2, 3]) {
        clock.mockReturnValue(Date.UTC(2026, 0, 1) - n * 1000);
        await sessions.recordTurn('ivan', { sessionId: session.id, context: {}, messages: [{ role: 'user', content: `q${n}`, metadata: {} }, { role: 'assistant', content: `a${n}`, metadata: {} }] });
      }
      clock.mockReturnValue(Date.UTC(2026, 0, 1) - 3000);
      const input = agentInput(session.id);
      await agents.createAgent('ivan', input, { sessionId: session.id, context: {}, messages: [{ role: 'assistant', content: 'agent', metadata: {} }] });
    } finally {
      clock.mockRestore();
    }
    const order = ['q1', 'a1', 'q2', 'a2', 'q3', 'a3', 'agent'];
    expect((await sessions.listOwnedMessages('ivan', session.id)).map((m) => m.content)).toEqual(order);
    expect((await sessions.findOwnedSessionWithRecent('ivan', session.id, 3))?.recent.map((m) => m.content)).toEqual(order.slice(-3));
  });

  it('reads a session with its last messages, oldest first, in one call; another owner gets nothing', async () => {
    const session = await sessions.createSession('gina', { step: 2 });
    for (const n of [1, 2, 3]) {
      await sessions.recordTurn('gina', { sessionId: session.id, context: { step: n }, messages: [{ role: 'user', content: `q${n}`, metadata: {} }, { role: 'assistant', content: `a${n}`, metadata: { n } }] });
    }
    const found = await sessions.findOwnedSessionWithRecent('gina', session.id, 3);
    expect(found?.session).toMatchObject({ id: session.id, ownerId: 'gina', context: { step: 3 } });
    expect(found?.recent.map((m) => m.content)).toEqual(['a2', 'q3', 'a3']);
    expect(found?.recent[2]).toMatchObject({ role: 'assistant', sessionId: session.id, metadata: { n: 3 } });
    expect(found?.recent[2].createdAt).toBeInstanceOf(Date);
    expect((await sessions.findOwnedSessionWithRecent('gina', (await sessions.createSession('gina', {})).id, 5))?.recent).toEqual([]);
    expect(await sessions.findOwnedSessionWithRecent('hank', session.id, 3)).toBeUndefined();
  });

  it('inserts the session with the turn that opens it, for that owner only', async () => {
    const id = randomUUID();
    const written = await sessions.recordTurn('jane', { sessionId: id, create: true, context: { plan: 'p' }, messages: [{ role: 'user', content: 'hi', metadata: {} }, { role: 'assistant', content: 'hello', metadata: {} }] });
    expect(written.map((m) => m.content)).toEqual(['hi', 'hello']);
    expect(await sessions.findOwnedSession('jane', id)).toMatchObject({ id, ownerId: 'jane', status: 'active', context: { plan: 'p' } });
    expect(await sessions.findOwnedSession('kate', id)).toBeUndefined();

    const opened = agentInput(randomUUID());
    await agents.createAgent('jane', opened, { sessionId: opened.sessionId as string, create: true, context: { agent_id: opened.id }, messages: [{ role: 'assistant', content: 'done', metadata: {} }] });
    expect((await sessions.findOwnedSessionWithRecent('jane', opened.sessionId as string, 5))?.recent.map((m) => m.content)).toEqual(['done']);
    expect((await agents.findOwnedAgent('jane', opened.id))?.sessionId).toBe(opened.sessionId);
  });

  it('stores every server of an agent as given and writes the creating turn with it', async () => {
    const session = await sessions.createSession('ivan', {});
    const input = agentInput(session.id);
    input.servers.push({ serverId: 'io.example/remote', name: 'Remote', transport: 'http', command: null, args: [], env: {}, url: 'https://mcp.example/x', headers: { 'x-team': 'a' } } as never);
    const turn = { sessionId: session.id, context: { agent_id: input.id }, status: 'active', messages: [{ role: 'user' as const, content: 'make it', metadata: {} }, { role: 'assistant' as const, content: 'done', metadata: { agent_id: input.id } }] };
    const created = await agents.createAgent('ivan', input, turn);
    expect(created).toMatchObject({ id: input.id, ownerId: 'ivan', sessionId: session.id, status: 'ready', workflow: { steps: [] } });
    const stored = await agents.findOwnedAgent('ivan', input.id);
    expect(stored?.servers).toEqual([...input.servers].sort((a, b) => a.serverId.localeCompare(b.serverId)));
    expect(stored?.createdAt.getTime()).toBe(created.createdAt.getTime());
    expect((await sessions.listOwnedMessages('ivan', session.id)).map((m) => [m.role, m.content])).toEqual([['user', 'make it'], ['assistant', 'done']]);
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
