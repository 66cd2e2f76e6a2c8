import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ChatHistoryDto, MessageDto, SessionDto, SessionListDto, SessionMessagesDto } from './sessions.dto';
import { SessionsRepository } from './sessions.repository';
import { JsonObject, MessageRecord, PageRequest, SessionRecord, SessionTurn } from './session.types';
import { SessionNotFoundError } from './sessions.errors';

/** Sessions, their messages and the chat history, always scoped to one owner. */
@Injectable()
export class SessionsService {
  constructor(private readonly repository: SessionsRepository) {}

  async create(ownerId: string, context: JsonObject = {}): Promise<SessionRecord> {
    return this.repository.createSession(ownerId, context);
  }

  /**
   * A new session that exists only in memory until its first turn is recorded with `create: true`
   * (the insert then rides on the turn's statement). Nothing is stored if the turn never completes.
   */
  draft(ownerId: string): SessionRecord {
    const now = new Date();
    return { id: randomUUID(), ownerId, status: 'active', context: {}, createdAt: now, updatedAt: now };
  }

  async createDto(ownerId: string): Promise<SessionDto> {
    return this.map(await this.create(ownerId));
  }

  /** The owner's session, or SESSION_NOT_FOUND for unknown ids and other owners' sessions alike. */
  async require(ownerId: string, id: string): Promise<SessionRecord> {
    const session = await this.repository.findOwnedSession(ownerId, id);
    if (!session) throw new SessionNotFoundError(id);
    return session;
  }

  async get(ownerId: string, id: string): Promise<SessionDto> {
    return this.map(await this.require(ownerId, id));
  }

  async list(ownerId: string, page: PageRequest): Promise<SessionListDto> {
    const { items, totalCount } = await this.repository.listOwnedSessions(ownerId, page);
    return { sessions: items.map((s) => this.map(s)), total_count: totalCount, limit: page.limit, offset: page.offset };
  }

  async messages(ownerId: string, id: string): Promise<SessionMessagesDto> {
    await this.require(ownerId, id);
    const messages = await this.repository.listOwnedMessages(ownerId, id);
    return { session_id: id, messages: messages.map((m) => this.mapMessage(m)) };
  }

  /** The owner's session and its last `limit` messages, oldest first (one read per chat turn). */
  async requireWithRecent(ownerId: string, id: string, limit: number): Promise<{ session: SessionRecord; recent: MessageRecord[] }> {
    const found = await this.repository.findOwnedSessionWithRecent(ownerId, id, limit);
    if (!found) throw new SessionNotFoundError(id);
    return found;
  }

  async remove(ownerId: string, id: string): Promise<void> {
    if (!(await this.repository.deleteOwnedSession(ownerId, id))) throw new SessionNotFoundError(id);
  }

  async history(ownerId: string, page: PageRequest, sessionId?: string): Promise<ChatHistoryDto> {
    if (sessionId) await this.require(ownerId, sessionId);
    const { items, totalCount } = await this.repository.listOwnedHistory(ownerId, page, sessionId);
    return {
      sessions: items.map((s) => ({ session_id: s.id, created_at: s.createdAt.toISOString(), messages: s.messages.map((m) => this.mapMessage(m)) })),
      total_count: totalCount,
    };
  }

  async recordTurn(ownerId: string, turn: SessionTurn): Promise<MessageRecord[]> {
    return this.repository.recordTurn(ownerId, turn);
  }

  map(session: SessionRecord): SessionDto {
    return {
      id: session.id,
      status: session.status,
      created_at: session.createdAt.toISOString(),
      updated_at: session.updatedAt.toISOString(),
      context: session.context,
    };
  }

  mapMessage(message: MessageRecord): MessageDto {
    return { id: message.id, message: message.content, role: message.role, created_at: message.createdAt.toISOString(), metadata: message.metadata };
  }
}
