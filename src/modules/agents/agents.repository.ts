import { Injectable } from '@nestjs/common';
import type { Agent, AgentServer, Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../database/prisma.service';
import { writeSessionTurn } from '../sessions/session-turn.repository';
import type { JsonObject, Page, PageRequest, SessionTurn } from '../sessions/session.types';
import type { AgentRecord, AgentServerRecord, EnvValue, NewAgent } from './agent.types';

/** Under load a transaction may wait for a pooled connection; Prisma's 2 s default turns that into a 500. */
const AGENT_TRANSACTION = { maxWait: 10_000, timeout: 15_000 };

/** Agents and their servers. Owner first on every method; another owner's agent does not exist. */
@Injectable()
export class AgentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Creates the agent with its servers and, when given, records the chat turn that created it, in
   * one transaction: a failure anywhere leaves neither a half-created agent nor a stale session.
   */
  async createAgent(ownerId: string, agent: NewAgent, turn?: SessionTurn): Promise<AgentRecord> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.agent.create({
        data: {
          id: agent.id,
          ownerId,
          sessionId: agent.sessionId,
          name: agent.name,
          instructions: agent.instructions,
          workflow: agent.workflow as Prisma.InputJsonValue,
          serverInfo: agent.serverInfo as Prisma.InputJsonValue,
          servers: { create: agent.servers.map(toServerData) },
        },
        include: { servers: true },
      });
      if (turn) await writeSessionTurn(tx, ownerId, turn);
      return toAgent(row);
    }, AGENT_TRANSACTION);
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

function toServerData(s: AgentServerRecord): Prisma.AgentServerCreateWithoutAgentInput {
  return {
    serverId: s.serverId,
    name: s.name,
    transport: s.transport,
    command: s.command,
    args: s.args,
    env: s.env as Prisma.InputJsonValue,
    url: s.url,
    headers: s.headers as Prisma.InputJsonValue,
  };
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
