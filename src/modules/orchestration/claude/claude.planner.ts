import Anthropic from '@anthropic-ai/sdk';
import { Logger } from '@nestjs/common';
import type { PlannerEnv } from '../../../config/env';
import { CatalogPort } from '../../agents/ports/catalog.port';
import { emptyPlan, Plan, Planner, PlannerInput } from '../plan.types';
import { PLANNER_TOOLS, PlannerToolbox } from './planner-tools';
import { redactSecrets } from './redact-secrets';

type MessageParam = Anthropic.Messages.MessageParam;
type ContentBlockParam = Anthropic.Messages.ContentBlockParam;

const SYSTEM_PROMPT = [
  'You plan agents built from MCP servers. For the user request, find one server per capability with search_catalog (one capability per search),',
  'check details when unsure, then call propose_workflow with the servers and ordered steps bound to them (and their tools where one fits), then create_agent.',
  'Prefer servers that are launchable and whose credentials are clear. Never pick two servers for the same capability.',
  'If the request is too vague to plan, do not propose: answer with one short clarifying question.',
  'If a previous plan is given and the new message does not change it, answer "unchanged" without tools.',
  'You never see credential values and must never ask the user to paste one into the chat text; they are supplied separately.',
].join(' ');

const HISTORY_CHARS = 600;

/** Plans with Claude through a bounded tool-use loop over our catalog tools. */
export class ClaudePlanner extends Planner {
  readonly name = 'claude';
  private readonly logger = new Logger(ClaudePlanner.name);
  private readonly client: Anthropic;

  constructor(
    private readonly catalog: CatalogPort,
    private readonly env: Pick<PlannerEnv, 'ANTHROPIC_MODEL' | 'PLANNER_MAX_STEPS' | 'PLANNER_MAX_TOKENS' | 'PLANNER_TIMEOUT_MS' | 'PLANNER_MAX_RETRIES' | 'PLANNER_SEARCH_LIMIT'> & { ANTHROPIC_API_KEY: string; ANTHROPIC_BASE_URL?: string },
  ) {
    super();
    // The SDK retries 408/409/429/5xx and connection errors with exponential backoff and jitter.
    this.client = new Anthropic({ apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL, maxRetries: env.PLANNER_MAX_RETRIES, timeout: env.PLANNER_TIMEOUT_MS });
  }

  async plan(input: PlannerInput): Promise<Plan> {
    const missing = new Set((input.context.missing?.required_credentials ?? []).map((c) => `${c.mcp_server}/${c.credential_key}`));
    const toolbox = new PlannerToolbox(this.catalog, this.env.PLANNER_SEARCH_LIMIT, missing);
    const messages: MessageParam[] = [{ role: 'user', content: userPrompt(input) }];
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.env.PLANNER_TIMEOUT_MS);
    try {
      const answer = await this.loop(messages, toolbox, abort.signal);
      if (toolbox.proposal) return toolbox.proposal;
      if (input.context.plan?.understood) return input.context.plan;
      return emptyPlan(answer || 'Could you say which services the agent should use and what it should do with them?');
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs model turns until the model stops calling tools, asks for the agent, or the step budget is spent. */
  private async loop(messages: MessageParam[], toolbox: PlannerToolbox, signal: AbortSignal): Promise<string> {
    for (let step = 0; step < this.env.PLANNER_MAX_STEPS; step++) {
      const response = await this.client.messages.create(
        { model: this.env.ANTHROPIC_MODEL, max_tokens: this.env.PLANNER_MAX_TOKENS, system: SYSTEM_PROMPT, tools: PLANNER_TOOLS, messages },
        { signal },
      );
      const calls = response.content.filter((b): b is Anthropic.Messages.ToolUseBlock => b.type === 'tool_use');
      messages.push({ role: 'assistant', content: response.content.flatMap(toParam) });
      if (calls.length === 0 || response.stop_reason !== 'tool_use') return textOf(response.content);
      const results: ContentBlockParam[] = [];
      for (const call of calls) {
        const result = await toolbox.run(call.name, (call.input ?? {}) as Record<string, unknown>);
        results.push({ type: 'tool_result', tool_use_id: call.id, content: result.content, is_error: result.isError });
      }
      messages.push({ role: 'user', content: results });
      if (toolbox.createRequested) return '';
    }
    this.logger.warn(`Planning stopped after ${this.env.PLANNER_MAX_STEPS} model turns`);
    return '';
  }
}

/** The request, the previous plan and recent turns: key names and statuses only, free text scrubbed. */
function userPrompt(input: PlannerInput): string {
  const parts = [`Request: ${redactSecrets(input.message)}`];
  const plan = input.context.plan;
  if (plan?.understood) {
    parts.push(`Previous plan: ${JSON.stringify({ servers: plan.selected.map((s) => s.id), steps: plan.steps })}`);
    const missing = input.context.missing?.required_credentials ?? [];
    if (missing.length) parts.push(`Credentials still missing: ${missing.map((c) => `${c.mcp_server}/${c.credential_key}`).join(', ')}`);
  }
  const history = input.history.slice(-6).map((m) => `${m.role}: ${redactSecrets(m.content).slice(0, HISTORY_CHARS)}`);
  if (history.length) parts.push(`Conversation so far:\n${history.join('\n')}`);
  return parts.join('\n\n');
}

function toParam(block: Anthropic.Messages.ContentBlock): ContentBlockParam[] {
  if (block.type === 'text') return [{ type: 'text', text: block.text }];
  if (block.type === 'tool_use') return [{ type: 'tool_use', id: block.id, name: block.name, input: block.input }];
  return [];
}

function textOf(content: Anthropic.Messages.ContentBlock[]): string {
  return content
    .flatMap((b) => (b.type === 'text' ? [b.text] : []))
    .join('\n')
    .trim();
}
