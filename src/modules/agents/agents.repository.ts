import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import type { Agent, AgentServer } from '../../generated/prisma/client';
import { PrismaService } from '../../database/prisma.service';
import { sessionTurnCtes } from '../sessions/session-turn.repository';
import { SessionNotFoundError } from '../sessions/sessions.errors';
import type { JsonObject, Page, PageRequest, SessionTurn } from '../sessions/session.types';
import type { AgentRecord, EnvValue, NewAgent } from './agent.types';

/** Agents and their servers. Owner first on every method; another owner's agent does not exist. */
@Injectable()
export class AgentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Creates the agent with its servers and, when given, records the chat turn that created it, in
   * one statement: atomic like a transaction, but one round trip instead of nine and no pooled
   * connection held across them. With a turn, nothing is written unless the session is the owner's.
   */
  async createAgent(ownerId: string, agent: NewAgent, turn?: SessionTurn): Promise<AgentRecord> {
    const now = Date.now();
    const servers = agent.servers.map((s) => ({ id: randomUUID(), ...s }));
    const source = turn ? Prisma.sql`FROM s` : Prisma.empty;
    const rows = await this.prisma.$queryRaw<AgentRow[]>`
      WITH ${turn ? Prisma.sql`${sessionTurnCtes(ownerId, turn, now)},` : Prisma.empty}
      a AS (
        INSERT INTO agents (id, owner_id, session_id, name, instructions, workflow, server_info, created_at, updated_at)
        SELECT ${agent.id}::uuid, ${ownerId}, ${agent.sessionId}::uuid, ${agent.name}, ${agent.instructions}, ${JSON.stringify(agent.workflow)}::jsonb,
          ${JSON.stringify(agent.serverInfo)}::jsonb, ${new Date(now)}::timestamptz, ${new Date(now)}::timestamptz
        ${source}
        RETURNING id, owner_id, session_id, name, instructions, workflow, server_info, status, created_at, updated_at
      ),
      v AS (
        INSERT INTO agent_servers (id, agent_id, server_id, name, transport, command, args, env, url, headers)
        SELECT (x->>'id')::uuid, a.id, x->>'serverId', x->>'name', x->>'transport', x->>'command',
          ARRAY(SELECT jsonb_array_elements_text(x->'args')), x->'env', x->>'url', x->'headers'
        FROM a CROSS JOIN jsonb_array_elements(${JSON.stringify(servers)}::jsonb) AS x
        RETURNING id
      )
      SELECT * FROM a`;
    const row = rows[0];
    if (!row) throw new SessionNotFoundError(turn?.sessionId ?? '');
    return { ...agentFromRow(row), servers: agent.servers };
  }

  async findOwnedAgent(ownerId: string, id: string): Promise<AgentRecord | undefined> {
    const row = await this.prisma.agent.findFirst({ where: { id, ownerId }, include: { servers: { orderBy: { serverId: 'asc' } } } });
    return row ? toAgent(row) : undefined;
  }

  async listOwnedAgents(ownerId: string, page: PageRequest): Promise<Page<AgentRecord>> {
    const [rows, totalCount] = await this.prisma.$transaction([
      this.prisma.agent.findMany({
        where: { ownerId },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        skip: page.offset,
        take: page.limit,
        include: { servers: { orderBy: { serverId: 'asc' } } },
      }),
      this.prisma.agent.count({ where: { ownerId } }),
    ]);
    return { items: rows.map(toAgent), totalCount };
  }

  async deleteOwnedAgent(ownerId: string, id: string): Promise<boolean> {
    const deleted = await this.prisma.agent.deleteMany({ where: { id, ownerId } });
    return deleted.count > 0;
  }
}

interface AgentRow {
  id: string;
  owner_id: string;
  session_id: string | null;
  name: string;
  instructions: string;
  workflow: unknown;
  server_info: unknown;
  status: string;
  created_at: Date | string;
  updated_at: Date | string;
}

function agentFromRow(r: AgentRow): Omit<AgentRecord, 'servers'> {
  return {
    id: r.id,
    ownerId: r.owner_id,
    sessionId: r.session_id,
    name: r.name,
    instructions: r.instructions,
    workflow: (parsed(r.workflow) ?? {}) as JsonObject,
    serverInfo: (parsed(r.server_info) ?? {}) as JsonObject,
    status: r.status,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** JSON columns come back parsed from PostgreSQL and, depending on the driver, as text from PGlite. */
function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function toAgent(row: Agent & { servers: AgentServer[] }): AgentRecord {
  return {
    id: row.id,
    ownerId: row.ownerId,
    sessionId: row.sessionId,
    name: row.name,
    instructions: row.instructions,
    workflow: (row.workflow ?? {}) as JsonObject,
    serverInfo: (row.serverInfo ?? {}) as JsonObject,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    servers: row.servers.map((s) => ({
      serverId: s.serverId,
      name: s.name,
      transport: s.transport,
      command: s.command,
      args: s.args,
      env: (s.env ?? {}) as Record<string, EnvValue>,
      url: s.url,
      headers: (s.headers ?? {}) as Record<string, string>,
    })),
  };
}
