import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import type { PageRequest, SessionTurn } from '../sessions/session.types';
import { AgentPlan, AgentRecord } from './agent.types';
import { parseMcpConfig } from './agent-config.parser';
import { AgentServersResolver } from './agent-servers.resolver';
import { AgentDto, AgentListDto, CreateAgentDto, CreateAgentResponseDto } from './agents.dto';
import { AgentNotFoundError } from './agents.errors';
import { AgentsRepository } from './agents.repository';

const NAME_LENGTH = 80;

/** Agents: created from an explicit config (the contract's tool call) or from a completed chat plan. */
@Injectable()
export class AgentsService {
  constructor(
    private readonly repository: AgentsRepository,
    private readonly resolver: AgentServersResolver,
  ) {}

  async createFromRequest(principal: Principal, dto: CreateAgentDto): Promise<CreateAgentResponseDto> {
    const servers = await this.resolver.fromRequest(principal, parseMcpConfig(dto.mcp_config));
    const agent = await this.repository.createAgent(principal.ownerId, {
      id: randomUUID(),
      sessionId: null,
      name: nameFrom(dto.user_prompt),
      instructions: dto.user_prompt,
      workflow: { text: dto.workflow ?? '' },
      serverInfo: dto.mcp_server_info ?? {},
      servers,
    });
    return { status: 'ok', agent_id: agent.id, message: 'Agent created successfully' };
  }

  /**
   * Creates the agent for a completed plan and records the chat turn that created it atomically;
   * `turn` receives the new agent's id so the assistant message can name it.
   */
  async createFromPlan(ownerId: string, plan: AgentPlan, sessionId: string, turn: (agentId: string) => SessionTurn): Promise<AgentRecord> {
    const servers = await this.resolver.fromPlan(plan.serverIds, plan.unavailableOptional);
    const id = randomUUID();
    return this.repository.createAgent(
      ownerId,
      { id, sessionId, name: nameFrom(plan.name), instructions: plan.instructions, workflow: plan.workflow, serverInfo: { servers: plan.serverIds }, servers },
      turn(id),
    );
  }

  async get(ownerId: string, id: string): Promise<AgentDto> {
    const agent = await this.repository.findOwnedAgent(ownerId, id);
    if (!agent) throw new AgentNotFoundError(id);
    return this.map(agent);
  }

  async list(ownerId: string, page: PageRequest): Promise<AgentListDto> {
    const { items, totalCount } = await this.repository.listOwnedAgents(ownerId, page);
    return { agents: items.map((a) => this.map(a)), total_count: totalCount };
  }

  async remove(ownerId: string, id: string): Promise<void> {
    if (!(await this.repository.deleteOwnedAgent(ownerId, id))) throw new AgentNotFoundError(id);
  }

  map(agent: AgentRecord): AgentDto {
    return {
      id: agent.id,
      name: agent.name,
      status: agent.status,
      session_id: agent.sessionId,
      instructions: agent.instructions,
      workflow: agent.workflow,
      servers: agent.servers.map((s) => ({ server_id: s.serverId, name: s.name, transport: s.transport, command: s.command, args: s.args, env: s.env, url: s.url, headers: s.headers })),
      created_at: agent.createdAt.toISOString(),
    };
  }
}

function nameFrom(text: string): string {
  const line = text.trim().split('\n')[0] ?? 'Agent';
  return line.length > NAME_LENGTH ? `${line.slice(0, NAME_LENGTH - 1)}…` : line || 'Agent';
}
