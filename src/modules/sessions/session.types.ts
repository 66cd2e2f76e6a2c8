/** Plain records the sessions module hands out; no Prisma types leave the repository. */
export type JsonObject = Record<string, unknown>;

export type MessageRole = 'user' | 'assistant';

export interface SessionRecord {
  id: string;
  ownerId: string;
  status: string;
  /** The conversation's state (current plan, what is still missing); owned by the orchestration. */
  context: JsonObject;
  createdAt: Date;
  updatedAt: Date;
}

export interface MessageRecord {
  id: string;
  sessionId: string;
  role: MessageRole;
  content: string;
  metadata: JsonObject;
  createdAt: Date;
}

export interface NewMessage {
  role: MessageRole;
  content: string;
  metadata: JsonObject;
}

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
}

export interface SessionWithMessages extends SessionRecord {
  messages: MessageRecord[];
}

/** What one chat turn writes to its session: the turn's messages and the new context, together. */
export interface SessionTurn {
  sessionId: string;
  /** The turn opens the session: it is inserted with the turn (one round trip less) instead of updated. */
  create?: boolean;
  context: JsonObject;
  status?: string;
  messages: NewMessage[];
}
