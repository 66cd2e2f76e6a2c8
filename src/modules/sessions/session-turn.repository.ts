import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/prisma/client';
import type { ChatMessage, ChatSession } from '../../generated/prisma/client';
import { JsonObject, MessageRecord, MessageRole, SessionRecord, SessionTurn } from './session.types';

/** A chat_messages row as raw SQL returns it (PGlite may hand JSON and timestamps back as text). */
export interface MessageRow {
  id: string;
  session_id: string;
  role: string;
  content: string;
  metadata: unknown;
  created_at: Date | string;
}

/**
 * The common table expressions that write one chat turn: `s` updates the session's context (only if
 * it is this owner's), or inserts the session when the turn opens it, and `m` inserts the turn's
 * messages for it. A statement built on them writes the whole turn in one round trip, atomically,
 * and nothing when the session is not the owner's. Shared by the sessions repository and the agents
 * repository, whose statement also inserts the agent (and only when `s` found the session).
 * Messages get increasing timestamps so the user's always sorts before the reply, and each turn's
 * start after the session's last message: two turns within one millisecond, or written by instances
 * whose clocks disagree, still read back in the order they were recorded.
 */
export function sessionTurnCtes(ownerId: string, turn: SessionTurn, now: number): Prisma.Sql {
  if (turn.messages.length === 0) throw new Error('a turn has at least one message');
  const values = turn.messages.map(
    (m, i) => Prisma.sql`(${randomUUID()}::uuid, ${m.role}, ${m.content}, ${JSON.stringify(m.metadata)}::jsonb, ${new Date(now + i)}::timestamptz, ${i + 1}::int)`,
  );
  const context = JSON.stringify(turn.context);
  const session = turn.create
    ? Prisma.sql`
      INSERT INTO chat_sessions (id, owner_id, status, context, created_at, updated_at)
      VALUES (${turn.sessionId}::uuid, ${ownerId}, COALESCE(${turn.status ?? null}::text, 'active'), ${context}::jsonb, ${new Date(now)}::timestamptz, ${new Date(now)}::timestamptz)
      RETURNING id`
    : Prisma.sql`
      UPDATE chat_sessions
      SET context = ${context}::jsonb, status = COALESCE(${turn.status ?? null}::text, status), updated_at = ${new Date(now)}::timestamptz
      WHERE id = ${turn.sessionId}::uuid AND owner_id = ${ownerId}
      RETURNING id`;
  return Prisma.sql`
    s AS (${session}),
    m AS (
      INSERT INTO chat_messages (id, session_id, owner_id, role, content, metadata, created_at)
      SELECT m.id, s.id, ${ownerId}, m.role, m.content, m.metadata,
        GREATEST(m.created_at, COALESCE(last.at, '-infinity'::timestamptz) + m.n * interval '1 millisecond')
      FROM s CROSS JOIN (VALUES ${Prisma.join(values)}) AS m(id, role, content, metadata, created_at, n)
      LEFT JOIN LATERAL (SELECT max(c.created_at) AS at FROM chat_messages c WHERE c.session_id = s.id) last ON true
      RETURNING id, session_id, role, content, metadata, created_at
    )`;
}

export function messageFromRow(r: MessageRow): MessageRecord {
  return {
    id: r.id,
    sessionId: r.session_id,
    role: r.role as MessageRole,
    content: r.content,
    metadata: ((typeof r.metadata === 'string' ? JSON.parse(r.metadata) : r.metadata) ?? {}) as JsonObject,
    createdAt: new Date(r.created_at),
  };
}

export function byCreatedAt(a: MessageRecord, b: MessageRecord): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function toSession(row: ChatSession): SessionRecord {
  return { id: row.id, ownerId: row.ownerId, status: row.status, context: (row.context ?? {}) as JsonObject, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export function toMessage(row: ChatMessage): MessageRecord {
  return { id: row.id, sessionId: row.sessionId, role: row.role as MessageRole, content: row.content, metadata: (row.metadata ?? {}) as JsonObject, createdAt: row.createdAt };
}
