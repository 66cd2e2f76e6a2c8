import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../database/prisma.service';
import { JsonObject, MessageRecord, Page, PageRequest, SessionRecord, SessionTurn, SessionWithMessages } from './session.types';
import { byCreatedAt, messageFromRow, MessageRow, sessionTurnCtes, toMessage, toSession } from './session-turn.repository';
import { SessionNotFoundError } from './sessions.errors';

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
   * The owner's session with its last `limit` messages (oldest first) in one round trip: a chat turn
   * needs both before it can plan.
   */
  async findOwnedSessionWithRecent(ownerId: string, id: string, limit: number): Promise<{ session: SessionRecord; recent: MessageRecord[] } | undefined> {
    const rows = await this.prisma.$queryRaw<Array<SessionRow & { recent: unknown }>>`
      SELECT s.id, s.owner_id, s.status, s.context, s.created_at, s.updated_at,
        COALESCE((
          SELECT json_agg(r) FROM (
            SELECT id, session_id, role, content, metadata, created_at FROM chat_messages
            WHERE session_id = s.id AND owner_id = s.owner_id
            ORDER BY created_at DESC, id DESC LIMIT ${limit}
          ) r
        ), '[]'::json) AS recent
      FROM chat_sessions s
      WHERE s.id = ${id}::uuid AND s.owner_id = ${ownerId}`;
    const row = rows[0];
    if (!row) return undefined;
    const recent = (parsed(row.recent) as MessageRow[]).map(messageFromRow).sort(byCreatedAt);
    return { session: sessionFromRow(row), recent };
  }

  /**
   * The turn's messages and the session's new context in one statement: atomic without an
   * interactive transaction (which under load waits for a pooled connection of its own), and
   * nothing is written unless the session is this owner's.
   */
  async recordTurn(ownerId: string, turn: SessionTurn): Promise<MessageRecord[]> {
    const rows = await this.prisma.$queryRaw<MessageRow[]>`
      WITH ${sessionTurnCtes(ownerId, turn, Date.now())}
      SELECT * FROM m`;
    if (rows.length === 0) throw new SessionNotFoundError(turn.sessionId);
    return rows.map(messageFromRow).sort(byCreatedAt);
  }
}

interface SessionRow {
  id: string;
  owner_id: string;
  status: string;
  context: unknown;
  created_at: Date | string;
  updated_at: Date | string;
}

function sessionFromRow(r: SessionRow): SessionRecord {
  return { id: r.id, ownerId: r.owner_id, status: r.status, context: (parsed(r.context) ?? {}) as JsonObject, createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at) };
}

/** JSON columns come back parsed from PostgreSQL and, depending on the driver, as text from PGlite. */
function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
