import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../database/prisma.service';
import { JsonObject, MessageRecord, MessageRole, Page, PageRequest, SessionRecord, SessionTurn, SessionWithMessages } from './session.types';
import { toMessage, toSession } from './session-turn.repository';
import { SessionNotFoundError } from './sessions.errors';

interface InsertedMessage {
  id: string;
  session_id: string;
  role: string;
  content: string;
  metadata: unknown;
  created_at: Date | string;
}

/** Chat sessions and their messages. Every method takes the owner first; other owners' rows do not exist. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async createSession(ownerId: string, context: JsonObject): Promise<SessionRecord> {
    const row = await this.prisma.chatSession.create({ data: { ownerId, context: context as Prisma.InputJsonValue } });
    return toSession(row);
  }

  async findOwnedSession(ownerId: string, id: string): Promise<SessionRecord | undefined> {
    const row = await this.prisma.chatSession.findFirst({ where: { id, ownerId } });
    return row ? toSession(row) : undefined;
  }

  async listOwnedSessions(ownerId: string, page: PageRequest): Promise<Page<SessionRecord>> {
    const [rows, totalCount] = await this.prisma.$transaction([
      this.prisma.chatSession.findMany({ where: { ownerId }, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], skip: page.offset, take: page.limit }),
      this.prisma.chatSession.count({ where: { ownerId } }),
    ]);
    return { items: rows.map(toSession), totalCount };
  }

  /** Sessions with their messages, newest session first; `sessionId` narrows it to one. */
  async listOwnedHistory(ownerId: string, page: PageRequest, sessionId?: string): Promise<Page<SessionWithMessages>> {
    const where = sessionId ? { ownerId, id: sessionId } : { ownerId };
    const [rows, totalCount] = await this.prisma.$transaction([
      this.prisma.chatSession.findMany({
        where,
        orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
        skip: page.offset,
        take: page.limit,
        include: { messages: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
      }),
      this.prisma.chatSession.count({ where }),
    ]);
    return { items: rows.map((row) => ({ ...toSession(row), messages: row.messages.map(toMessage) })), totalCount };
  }

  async listOwnedMessages(ownerId: string, sessionId: string): Promise<MessageRecord[]> {
    const rows = await this.prisma.chatMessage.findMany({ where: { ownerId, sessionId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toMessage);
  }

  /** Deletes the session and (by cascade) its messages; agents keep their now-dangling session id. */
  async deleteOwnedSession(ownerId: string, id: string): Promise<boolean> {
    const deleted = await this.prisma.chatSession.deleteMany({ where: { id, ownerId } });
    return deleted.count > 0;
  }

  /**
   * The turn's messages and the session's new context in one statement: atomic without an
   * interactive transaction (which under load waits for a pooled connection of its own), and
   * nothing is written unless the session is this owner's. Messages get increasing timestamps so
   * the user's always sorts before the reply.
   */
  async recordTurn(ownerId: string, turn: SessionTurn): Promise<MessageRecord[]> {
    if (turn.messages.length === 0) throw new Error('a turn has at least one message');
    const now = Date.now();
    const values = turn.messages.map(
      (m, i) => Prisma.sql`(${randomUUID()}::uuid, ${m.role}, ${m.content}, ${JSON.stringify(m.metadata)}::jsonb, ${new Date(now + i)}::timestamptz)`,
    );
    const rows = await this.prisma.$queryRaw<InsertedMessage[]>`
      WITH s AS (
        UPDATE chat_sessions
        SET context = ${JSON.stringify(turn.context)}::jsonb, status = COALESCE(${turn.status ?? null}::text, status), updated_at = ${new Date(now)}::timestamptz
        WHERE id = ${turn.sessionId}::uuid AND owner_id = ${ownerId}
        RETURNING id
      )
      INSERT INTO chat_messages (id, session_id, owner_id, role, content, metadata, created_at)
      SELECT m.id, s.id, ${ownerId}, m.role, m.content, m.metadata, m.created_at
      FROM s CROSS JOIN (VALUES ${Prisma.join(values)}) AS m(id, role, content, metadata, created_at)
      RETURNING id, session_id, role, content, metadata, created_at`;
    if (rows.length === 0) throw new SessionNotFoundError(turn.sessionId);
    return rows
      .map((r) => ({
        id: r.id,
        sessionId: r.session_id,
        role: r.role as MessageRole,
        content: r.content,
        metadata: (typeof r.metadata === 'string' ? JSON.parse(r.metadata) : r.metadata) as JsonObject,
        createdAt: new Date(r.created_at),
      }))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }
}
