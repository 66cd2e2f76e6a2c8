import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../database/prisma.service';
import { JsonObject, MessageRecord, Page, PageRequest, SessionRecord, SessionTurn, SessionWithMessages } from './session.types';
import { toMessage, toSession, writeSessionTurn } from './session-turn.repository';

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

  async recordTurn(ownerId: string, turn: SessionTurn): Promise<MessageRecord[]> {
    return this.prisma.$transaction((tx) => writeSessionTurn(tx, ownerId, turn));
  }
}
