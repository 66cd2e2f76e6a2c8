import type Anthropic from '@anthropic-ai/sdk';
import type { CatalogServer } from '../../mcp-catalog/catalog.types';
import { CatalogPort } from '../../agents/ports/catalog.port';
import { Plan, PlannedServer, PlanStep } from '../plan.types';

/**
 * The tools Claude plans with. The model sees search results and single servers' details only,
 * never the catalog as a whole, and credential requirements as key names with a status, never values.
 */
export const PLANNER_TOOLS: Anthropic.Messages.Tool[] = [
  {
    name: 'search_catalog',
    description: 'Search the MCP server catalog for one capability (e.g. "read Gmail messages", "post a Slack message"). Returns the best matches with their tools and credential needs.',
    input_schema: { type: 'object', properties: { query: { type: 'string', description: 'one capability in a few words' } }, required: ['query'] },
  },
  {
    name: 'get_server_details',
    description: "Get one catalog server's tools and the credentials it needs (key names and whether the user still has to supply them).",
    input_schema: { type: 'object', properties: { server_id: { type: 'string' } }, required: ['server_id'] },
  },
  {
    name: 'propose_workflow',
    description: 'Propose the plan: the servers to use (only ids returned by search_catalog or get_server_details) with a reason and a 0..1 confidence, and the ordered workflow steps, each bound to one of those servers and, where one fits, its tool.',
    input_schema: {
      type: 'object',
      properties: {
        servers: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, reason: { type: 'string' }, score: { type: 'number' } }, required: ['id', 'reason'] } },
        steps: { type: 'array', items: { type: 'object', properties: { description: { type: 'string' }, server: { type: 'string' }, tool: { type: ['string', 'null'] } }, required: ['description', 'server'] } },
        capabilities: { type: 'array', items: { type: 'string' } },
      },
      required: ['servers', 'steps'],
    },
  },
  {
    name: 'create_agent',
    description: 'Ask for the agent to be created from the proposed workflow. The service creates it as soon as every selected server has its credentials; call it once, after propose_workflow.',
    input_schema: { type: 'object', properties: {} },
  },
];

const DESCRIPTION_CHARS = 240;
const TOOLS_SHOWN = 12;

/** The tool calls' side of the loop: runs each tool and keeps what the model proposed. */
export class PlannerToolbox {
  proposal?: Plan;
  createRequested = false;
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly catalog: CatalogPort,
    private readonly searchLimit: number,
    private readonly missingKeys: Set<string>,
  ) {}

  async run(name: string, input: Record<string, unknown>): Promise<{ content: string; isError: boolean }> {
    try {
      if (name === 'search_catalog') return ok(await this.search(String(input.query ?? '')));
      if (name === 'get_server_details') return ok(await this.details(String(input.server_id ?? '')));
      if (name === 'propose_workflow') return ok(await this.propose(input));
      if (name === 'create_agent') return ok(this.create());
      return fail(`unknown tool ${name}`);
    } catch (error) {
      return fail(error instanceof Error ? error.message : 'tool failed');
    }
  }

  private async search(query: string) {
    if (!query.trim()) throw new Error('query must not be empty');
    const { hits } = await this.catalog.search({ text: query.slice(0, 300), limit: this.searchLimit });
    for (const hit of hits) this.seen.set(hit.server.id, Math.max(hit.score, this.seen.get(hit.server.id) ?? 0));
    return {
      results: hits.map((h) => ({
        id: h.server.id,
        name: h.server.name,
        description: h.server.description.slice(0, DESCRIPTION_CHARS),
        score: Number(h.score.toFixed(3)),
        launchable: h.server.launchable,
        tools: (h.matchedTools.length ? h.matchedTools : h.server.tools).slice(0, TOOLS_SHOWN).map((t) => t.name),
        credentials: h.server.credentials.map((c) => ({ key: c.key, required: c.required })),
      })),
    };
  }

  private async details(id: string) {
    const server = await this.catalog.getServer(id);
    if (!server) throw new Error(`no catalog server ${id}`);
    this.seen.set(id, this.seen.get(id) ?? 0.5);
    return {
      id: server.id,
      name: server.name,
      description: server.description.slice(0, DESCRIPTION_CHARS * 2),
      tools: server.tools.slice(0, 40).map((t) => ({ name: t.name, description: t.description.slice(0, 160) })),
      credentials: server.credentials.map((c) => ({ key: c.key, kind: c.kind, required: c.required, status: this.missingKeys.has(`${server.id}/${c.key}`) ? 'missing' : 'unknown' })),
      launchable: server.launchOptions.length > 0,
    };
  }

  private async propose(input: Record<string, unknown>) {
    const wanted = asArray(input.servers).map((s) => ({ id: String(s.id ?? ''), reason: String(s.reason ?? ''), score: Number(s.score) }));
    const unseen = wanted.filter((s) => !this.seen.has(s.id)).map((s) => s.id);
    if (unseen.length) throw new Error(`use only servers returned by search_catalog or get_server_details; unknown: ${unseen.join(', ')}`);
    const servers = await this.catalog.getServers(wanted.map((s) => s.id));
    const byId = new Map(servers.map((s) => [s.id, s]));
    const selected: PlannedServer[] = wanted.filter((s) => byId.has(s.id)).map((s) => ({ id: s.id, name: byId.get(s.id)?.name ?? s.id, score: clamp(Number.isFinite(s.score) ? s.score : this.seen.get(s.id) ?? 0.5), reason: s.reason.slice(0, 300) }));
    const steps = asArray(input.steps)
      .map((s, i) => toStep(s, i, byId))
      .filter((s): s is PlanStep => s !== undefined)
      .map((s, i) => ({ ...s, order: i + 1 }));
    if (!selected.length || !steps.length) throw new Error('a workflow needs at least one server and one step bound to it');
    const capabilities = asArray(input.capabilities, true).map((c, i) => ({ name: String(c), phrase: steps[i]?.description ?? String(c), server: steps[i]?.server ?? null }));
    this.proposal = { understood: true, selected, steps, capabilities };
    return { accepted: true, servers: selected.map((s) => s.id), steps: steps.length };
  }

  private create() {
    if (!this.proposal) throw new Error('propose_workflow first');
    this.createRequested = true;
    return { accepted: true, note: 'The agent is created once every selected server has its credentials.' };
  }
}

function toStep(raw: Record<string, unknown>, index: number, servers: Map<string, CatalogServer>): PlanStep | undefined {
  const server = servers.get(String(raw.server ?? ''));
  if (!server) return undefined;
  const tool = typeof raw.tool === 'string' && server.tools.some((t) => t.name === raw.tool) ? raw.tool : null;
  return { order: index + 1, description: String(raw.description ?? '').slice(0, 500), server: server.id, tool };
}

function asArray(value: unknown, primitives = false): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) return [];
  return (primitives ? value : value.filter((v) => typeof v === 'object' && v !== null)) as Array<Record<string, unknown>>;
}

function clamp(n: number): number {
  return Math.max(0, Math.min(1, Number(n.toFixed(3))));
}

function ok(value: unknown) {
  return { content: JSON.stringify(value), isError: false };
}

function fail(message: string) {
  return { content: JSON.stringify({ error: message }), isError: true };
}
