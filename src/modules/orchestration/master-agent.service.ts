import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { LaunchNotSanctionedError } from '../agents/agents.errors';
import { AgentsService } from '../agents/agents.service';
import { CredentialsPort, MissingCredentials, StoredItemResult } from '../agents/ports/credentials.port';
import type { ChatEmitter, ChatRequestDto, ChatResponseDto } from '../chat/chat.dto';
import { ChatTurnHandler } from '../chat/chat-turn.handler';
import type { JsonObject, MessageRecord, SessionRecord, SessionTurn } from '../sessions/session.types';
import { SessionsService } from '../sessions/sessions.service';
import { analyzingReply, errorReply, pendingReply, successReply, unlaunchableReply } from './chat-reply';
import { redactSecrets } from './claude/redact-secrets';
import { CredentialIntake } from './credential-intake';
import { ChatStatus, ConversationContext, Plan, Planner } from './plan.types';

const HISTORY_MESSAGES = 12;

/** The state of one turn as it moves from plan to reply. */
interface Turn {
  principal: Principal;
  request: ChatRequestDto;
  session: SessionRecord;
  context: ConversationContext;
  plan: Plan;
  stored: StoredItemResult[];
}

/**
 * The master agent: plans the request, stores what the user supplied, works out what is still
 * missing and, when nothing is, creates the agent together with the session update.
 */
@Injectable()
export class MasterAgentService extends ChatTurnHandler {
  private readonly logger = new Logger(MasterAgentService.name);

  constructor(
    private readonly planner: Planner,
    private readonly intake: CredentialIntake,
    private readonly credentials: CredentialsPort,
    private readonly sessions: SessionsService,
    private readonly agents: AgentsService,
  ) {
    super();
  }

  async handle(principal: Principal, request: ChatRequestDto, emit: ChatEmitter): Promise<ChatResponseDto> {
    const owner = principal.ownerId;
    // A new session is written together with its first turn, not inserted up front.
    const { session, recent } = request.session_id ? await this.sessions.requireWithRecent(owner, request.session_id, HISTORY_MESSAGES) : { session: this.sessions.draft(owner), recent: [] };
    const context = session.context as ConversationContext;
    const plan = await this.runPlanner(request.message, context.plan ? recent : [], context);
    if (!plan) return this.finishError(principal, request, session, context, emit);
    emit('analysis', { understood: plan.understood, capabilities: plan.capabilities, clarifying_question: plan.clarifyingQuestion ?? null });
    const stored = await this.intake.store(principal, request, plan);
    const turn: Turn = { principal, request, session, context, plan, stored };
    if (!plan.understood) return this.finish(turn, 'analyzing', analyzingReply(plan), emptyMissing(), null, emit);
    emit('servers', { selected_servers: plan.selected });
    const missing = annotate(await this.credentials.missingFor(owner, plan.selected.map((s) => s.id)), stored);
    emit('credentials', { required_credentials: missing.required_credentials, required_files: missing.required_files, stored: stored.map(outcome) });
    emit('workflow', { steps: plan.steps });
    if (missing.required_credentials.length || missing.required_files.length) {
      const reply = pendingReply(plan, missing.required_credentials, missing.required_files, stored.filter((s) => !s.ok), stored.filter((s) => s.ok));
      return this.finish(turn, 'pending_credentials', reply, missing, null, emit);
    }
    return this.finishSuccess(turn, missing, emit);
  }

  /** `history` is the session's recent messages, read with the session (empty until there is a plan). */
  private async runPlanner(message: string, history: MessageRecord[], context: ConversationContext): Promise<Plan | undefined> {
    try {
      return await this.planner.plan({ message, history: history.map((m) => ({ role: m.role, content: m.content })), context });
    } catch (error) {
      // The planner talks to outside systems; its failure is an `error` reply, never a 5xx.
      this.logger.warn(`Planner ${this.planner.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private async finishSuccess(turn: Turn, missing: MissingCredentials, emit: ChatEmitter): Promise<ChatResponseDto> {
    const key = planKey(turn.plan);
    if (turn.context.agent_id && turn.context.agent_plan_key === key) {
      emit('agent', { agent_id: turn.context.agent_id, created: false });
      return this.finish(turn, 'success', successReply(turn.plan, turn.context.agent_id, false, turn.stored.filter((s) => s.ok)), missing, turn.context.agent_id, emit);
    }
    let body: ChatResponseDto | undefined;
    let agent: { id: string };
    try {
      agent = await this.agents.createFromPlan(turn.principal.ownerId, agentPlan(turn, missing), turn.session.id, (agentId) => {
        body = this.body(turn, 'success', successReply(turn.plan, agentId, true, turn.stored.filter((s) => s.ok)), missing, agentId);
        return this.sessionTurn(turn, body, { agent_id: agentId, agent_plan_key: key });
      });
    } catch (error) {
      // A planned server the catalog cannot launch is a question for the user, not a failed request.
      if (!(error instanceof LaunchNotSanctionedError)) throw error;
      return this.finish(turn, 'analyzing', unlaunchableReply(turn.plan, String(error.details?.mcp_server ?? '')), missing, null, emit);
    }
    emit('agent', { agent_id: agent.id, created: true });
    const done = body as ChatResponseDto;
    emit('done', done);
    return done;
  }

  private async finish(turn: Turn, status: ChatStatus, reply: string, missing: MissingCredentials, agentId: string | null, emit: ChatEmitter): Promise<ChatResponseDto> {
    const body = this.body(turn, status, reply, missing, agentId);
    await this.sessions.recordTurn(turn.principal.ownerId, this.sessionTurn(turn, body, {}));
    emit('done', body);
    return body;
  }

  private async finishError(principal: Principal, request: ChatRequestDto, session: SessionRecord, context: ConversationContext, emit: ChatEmitter): Promise<ChatResponseDto> {
    const stored = await this.intake.store(principal, request, context.plan);
    const plan = context.plan ?? { understood: false, selected: [], steps: [], capabilities: [] };
    return this.finish({ principal, request, session, context, plan, stored }, 'error', errorReply(), emptyMissing(), null, emit);
  }

  private body(turn: Turn, status: ChatStatus, reply: string, missing: MissingCredentials, agentId: string | null): ChatResponseDto {
    return {
      reply,
      session_id: turn.session.id,
      status,
      required_credentials: missing.required_credentials,
      required_files: missing.required_files,
      agent_created: status === 'success',
      agent_id: agentId,
      selected_servers: turn.plan.selected,
      workflow: { steps: turn.plan.steps },
    };
  }

  private sessionTurn(turn: Turn, body: ChatResponseDto, extra: Partial<ConversationContext>): SessionTurn {
    const context: ConversationContext = {
      ...turn.context,
      request: turn.context.plan?.understood ? turn.context.request : [turn.context.request, turn.request.message].filter(Boolean).join('. '),
      plan: turn.plan,
      status: body.status,
      missing: { required_credentials: body.required_credentials, required_files: body.required_files },
      planner: this.planner.name,
      ...extra,
    };
    const supplied = Object.entries(turn.request.credentials ?? {}).flatMap(([server, values]) => Object.keys(values).map((key) => ({ mcp_server: server, credential_key: key })));
    return {
      sessionId: turn.session.id,
      create: !turn.request.session_id,
      context: context as JsonObject,
      messages: [
        { role: 'user', content: redactSecrets(turn.request.message), metadata: { credentials_supplied: supplied, files: (turn.request.files ?? []).map((f) => f.filename) } },
        { role: 'assistant', content: body.reply, metadata: { status: body.status, selected_servers: body.selected_servers.map((s) => s.id), agent_id: body.agent_id, stored: turn.stored.map(outcome) } },
      ],
    };
  }
}

function emptyMissing(): MissingCredentials {
  return { required_credentials: [], required_files: [], optional: [] };
}

/** A refused value stays in the list with the reason it was refused. */
function annotate(missing: MissingCredentials, stored: StoredItemResult[]): MissingCredentials {
  const reasonFor = (server: string | undefined, key: string) => stored.find((s) => !s.ok && s.credential_key === key && (!server || s.mcp_server === server))?.reason;
  return {
    ...missing,
    required_credentials: missing.required_credentials.map((c) => withReason(c, reasonFor(c.mcp_server, c.credential_key))),
    required_files: missing.required_files.map((f) => withReason(f, reasonFor(f.mcp_server, f.key))),
  };
}

function withReason<T extends object>(item: T, reason: string | undefined): T {
  return reason ? { ...item, reason } : item;
}

function outcome(s: StoredItemResult): Record<string, unknown> {
  return { mcp_server: s.mcp_server, credential_key: s.credential_key, status: s.ok ? 'stored' : 'invalid', reason: s.reason ?? null };
}

function planKey(plan: Plan): string {
  return JSON.stringify([plan.selected.map((s) => s.id).sort(), plan.steps.map((s) => [s.server, s.tool, s.description])]);
}

function agentPlan(turn: Turn, missing: MissingCredentials) {
  const request = turn.context.plan?.understood ? turn.context.request ?? turn.request.message : [turn.context.request, turn.request.message].filter(Boolean).join('. ');
  return {
    name: request,
    instructions: `${request}\n\nWorkflow:\n${turn.plan.steps.map((s) => `${s.order}. ${s.description}`).join('\n')}`,
    workflow: { steps: turn.plan.steps },
    serverIds: turn.plan.selected.map((s) => s.id),
    unavailableOptional: missing.optional.map((o) => `${o.mcp_server}/${o.credential_key}`),
  };
}
