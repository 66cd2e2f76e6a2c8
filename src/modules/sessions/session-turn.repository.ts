import type { ChatMessage, ChatSession, Prisma } from '../../generated/prisma/client';
import { JsonObject, MessageRecord, MessageRole, SessionRecord, SessionTurn } from './session.types';
import { SessionNotFoundError } from './sessions.errors';

/**
 * Writes one chat turn (its messages and the session's new context) inside a caller's transaction.
 * Shared by the sessions repository and the agents repository so creating an agent and recording
 * the turn that created it commit or fail together: a unit of work in the repository layer.
 */
export async function writeSessionTurn(tx: Prisma.TransactionClient, ownerId: string, turn: SessionTurn): Promise<MessageRecord[]> {
  const updated = await tx.chatSession.updateMany({
    where: { id: turn.sessionId, ownerId },
    data: { context: turn.context as Prisma.InputJsonValue, ...(turn.status ? { status: turn.status } : {}), updatedAt: new Date() },
  });
  if (updated.count === 0) throw new SessionNotFoundError(turn.sessionId);
  const written: MessageRecord[] = [];
  // One at a time so created_at orders the turn (user before assistant) even within one millisecond.
  for (const message of turn.messages) {
    const row = await tx.chatMessage.create({
      data: { sessionId: turn.sessionId, ownerId, role: message.role, content: message.content, metadata: message.metadata as Prisma.InputJsonValue },
    });
    written.push(toMessage(row));
  }
  return written;
}

export function toSession(row: ChatSession): SessionRecord {
  return { id: row.id, ownerId: row.ownerId, status: row.status, context: (row.context ?? {}) as JsonObject, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export function toMessage(row: ChatMessage): MessageRecord {
  return { id: row.id, sessionId: row.sessionId, role: row.role as MessageRole, content: row.content, metadata: (row.metadata ?? {}) as JsonObject, createdAt: row.createdAt };
}
