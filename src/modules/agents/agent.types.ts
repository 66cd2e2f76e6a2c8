import type { JsonObject } from '../sessions/session.types';

/** An env value: a literal (non-secret settings only, once stored) or a reference to a stored credential. */
export type EnvValue = string | { $credential: string };

export interface AgentServerRecord {
  serverId: string;
  name: string;
  transport: string;
  command: string | null;
  args: string[];
  env: Record<string, EnvValue>;
  url: string | null;
  headers: Record<string, string>;
}

export interface AgentRecord {
  id: string;
  ownerId: string;
  sessionId: string | null;
  name: string;
  instructions: string;
  workflow: JsonObject;
  serverInfo: JsonObject;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  servers: AgentServerRecord[];
}

export type NewAgent = Omit<AgentRecord, 'ownerId' | 'status' | 'createdAt' | 'updatedAt'>;

/** What the master agent hands over once a plan is complete. */
export interface AgentPlan {
  name: string;
  instructions: string;
  workflow: { steps: Array<{ order: number; description: string; server: string; tool: string | null }> };
  serverIds: string[];
  /** `server/KEY` of optional credentials the owner has not stored: they get no reference. */
  unavailableOptional: string[];
}

export function credentialRef(serverId: string, key: string): { $credential: string } {
  return { $credential: `${serverId}/${key}` };
}
