import type { RequiredCredential, RequiredFile } from '../agents/ports/credentials.port';

export type ChatStatus = 'success' | 'pending_credentials' | 'analyzing' | 'error';

export interface PlannedServer {
  id: string;
  name: string;
  score: number;
  reason: string;
}

export interface PlanStep {
  order: number;
  description: string;
  server: string;
  tool: string | null;
}

/** One thing the request needs done ("email-read"), the words that asked for it and who covers it. */
export interface Capability {
  name: string;
  phrase: string;
  server: string | null;
}

/** What every planner produces, offline or Claude. */
export interface Plan {
  understood: boolean;
  clarifyingQuestion?: string;
  selected: PlannedServer[];
  steps: PlanStep[];
  capabilities: Capability[];
}

export interface HistoryMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** The session's `context` JSON: what lets a conversation continue across messages and restarts. */
export interface ConversationContext {
  /** The user's request so far (messages that asked for something, joined). */
  request?: string;
  plan?: Plan;
  status?: ChatStatus;
  missing?: { required_credentials: RequiredCredential[]; required_files: RequiredFile[] };
  agent_id?: string;
  /** Identifies the plan the agent was built from, so an unchanged plan does not create a second agent. */
  agent_plan_key?: string;
  planner?: string;
}

export interface PlannerInput {
  message: string;
  history: HistoryMessage[];
  context: ConversationContext;
}

/** Plans the servers and workflow for a request. Both implementations return the same shape. */
export abstract class Planner {
  abstract readonly name: string;
  abstract plan(input: PlannerInput): Promise<Plan>;
}

export function emptyPlan(question: string): Plan {
  return { understood: false, clarifyingQuestion: question, selected: [], steps: [], capabilities: [] };
}
