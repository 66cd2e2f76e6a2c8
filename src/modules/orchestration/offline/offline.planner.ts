import { Injectable } from '@nestjs/common';
import type { CatalogSearchHit, CatalogServer } from '../../mcp-catalog/catalog.types';
import { CatalogPort } from '../../agents/ports/catalog.port';
import { Capability, Plan, PlannedServer, Planner, PlannerInput, PlanStep } from '../plan.types';
import { actionWords, capabilityName, Clause, Mention, productMentions, splitClauses } from './capabilities';
import { refinePlan } from './plan-refiner';

const HITS_PER_CLAUSE = 10;
/** Hits within this fraction of the best are treated as equally good matches. */
const NEAR_TOP = 0.6;
/** The catalog search refuses very long queries; a clause longer than this is mostly filler anyway. */
const MAX_QUERY = 1000;
/** Below this a pick is a guess: the planner asks instead. */
export const MIN_CONFIDENCE = 0.45;

/** One clause's pick: the server, its confidence and the tool that does the step. */
export interface ClausePick {
  clause: Clause;
  hit: CatalogSearchHit;
  confidence: number;
  tool: string | null;
  /** Set when the pick covers a product the clause names beside its main pick. */
  mention?: string;
}

/**
 * The deterministic planner: one catalog search per capability of the request, the best launchable
 * server for each, duplicates merged, each step bound to a server and, where one matches, its tool.
 */
@Injectable()
export class OfflinePlanner extends Planner {
  readonly name = 'offline';

  constructor(private readonly catalog: CatalogPort) {
    super();
  }

  async plan(input: PlannerInput): Promise<Plan> {
    const previous = input.context.plan;
    if (previous?.understood) return refinePlan(previous, input.message, (text) => this.planText(text));
    const request = previous ? `${input.context.request ?? ''}. ${input.message}` : input.message;
    return this.planText(request);
  }

  /** Plans a request from scratch. */
  async planText(text: string): Promise<Plan> {
    const clauses = splitClauses(text);
    const picks: ClausePick[] = [];
    const capabilities: Capability[] = [];
    for (const clause of clauses) {
      let pick = await this.pickFor(clause);
      const extras = await this.uncoveredMentions(clause, pick);
      // The clause names products and its own pick is none of them: the named ones replace it.
      if (pick && extras.length && !productMentions(clause.text).some((m) => nameWordsOf(m.text).every((w) => nameWords(pick!.hit).has(w)))) pick = undefined;
      capabilities.push({ name: capabilityName(clause), phrase: clause.text, server: pick?.hit.server.id ?? null });
      if (pick) picks.push(pick);
      for (const extra of extras) {
        capabilities.push({ name: `${extra.clause.object ?? 'product'}-${(extra.mention ?? '').toLowerCase().replace(/\s+/g, '-')}`, phrase: extra.clause.text, server: extra.hit.server.id });
        picks.push(extra);
      }
    }
    return assemble(picks, capabilities);
  }

  /**
   * One clause can name two products ("a Linear ticket for every Sentry error"): each named product
   * the clause's pick does not cover gets its own search, kept only when a server is named for it.
   */
  private async uncoveredMentions(clause: Clause, pick: ClausePick | undefined): Promise<ClausePick[]> {
    const covered = pick ? nameWords(pick.hit) : new Set<string>();
    const extras: ClausePick[] = [];
    for (const mention of productMentions(clause.text)) {
      const words = nameWordsOf(mention.text);
      if (words.every((w) => covered.has(w))) continue;
      const extra = await this.pickFor({ ...clause, text: mentionQuery(mention, clause) });
      if (!extra || !words.some((w) => nameWords(extra.hit).has(w))) continue;
      if (extra.hit.server.id === pick?.hit.server.id || extras.some((e) => e.hit.server.id === extra.hit.server.id)) continue;
      extras.push({ ...extra, clause: { ...clause, text: clause.text }, mention: mention.text });
      nameWords(extra.hit).forEach((w) => covered.add(w));
    }
    return extras;
  }

  /**
   * Among near-equal hits (many catalogs list "Gmail" a dozen times) prefer one that can be launched
   * and whose credential needs are documented; a clearly better match still wins.
   */
  private async preferClear(hits: CatalogSearchHit[]): Promise<CatalogSearchHit | undefined> {
    const top = hits[0];
    if (!top) return undefined;
    const close = hits.filter((h) => h.score >= top.score * NEAR_TOP);
    if (close.length === 1) return top;
    const records = new Map((await this.catalog.getServers(close.map((h) => h.server.id))).map((s) => [s.id, s]));
    const value = (h: CatalogSearchHit) => h.score / top.score + 0.25 * clarity(records.get(h.server.id)) + 0.1 * (h.server.launchable ? 1 : 0);
    return close.reduce((best, h) => (value(h) > value(best) ? h : best), top);
  }

  async pickFor(clause: Clause): Promise<ClausePick | undefined> {
    const { hits } = await this.catalog.search({ text: clause.text.slice(0, MAX_QUERY), limit: HITS_PER_CLAUSE });
    const best = await this.preferClear(namingFirst(hits, clause));
    if (!best) return undefined;
    const confidence = confidenceOf(best, clause);
    if (confidence < MIN_CONFIDENCE) return undefined;
    return { clause, hit: best, confidence, tool: bindTool(best, clause) };
  }
}

/** When the clause names a product, hits named for it are the only candidates (if there are any). */
function namingFirst(hits: CatalogSearchHit[], clause: Clause): CatalogSearchHit[] {
  const mentions = productMentions(clause.text).map((m) => nameWordsOf(m.text));
  const named = hits.filter((h) => mentions.some((words) => words.length > 0 && words.every((w) => nameWords(h).has(w))));
  return named.length ? named : hits;
}

/** 1 when the catalog says exactly what the server needs and how to get it (curated), else 0. */
function clarity(server: CatalogServer | undefined): number {
  if (!server) return 0;
  if (server.source === 'starter') return 1;
  return server.credentials.length > 0 && server.credentials.every((c) => c.steps.length > 0) ? 1 : 0;
}

/**
 * Search scores are only comparable within one list, so confidence leans on what matched: the
 * server's name (the user named the product), its tools (it can do the verb), or only prose.
 */
function confidenceOf(hit: CatalogSearchHit, clause: Clause): number {
  const fields = new Set(hit.matchedFields);
  let confidence = 0.3 + Math.min(0.2, hit.score * 0.2);
  if (fields.has('name')) confidence += 0.4;
  if (fields.has('tools') || hit.matchedTools.length > 0) confidence += 0.15;
  if (clause.object && clause.action) confidence += 0.05;
  if (!hit.server.launchable) confidence -= 0.15;
  return Math.max(0, Math.min(0.99, Number(confidence.toFixed(2))));
}

/** The tool whose name or description shares the most words with the clause and its verb. */
export function bindTool(hit: CatalogSearchHit, clause: Clause): string | null {
  const wanted = new Set([...tokens(clause.text), ...actionWords(clause.action)]);
  const candidates = hit.matchedTools.length ? hit.matchedTools : hit.server.tools;
  let best: { name: string; score: number } | null = null;
  for (const tool of candidates) {
    const nameHits = tokens(tool.name).filter((w) => wanted.has(w)).length;
    const descHits = tokens(tool.description).filter((w) => wanted.has(w)).length;
    const score = nameHits * 2 + descHits;
    if (score > 0 && (!best || score > best.score)) best = { name: tool.name, score };
  }
  return best?.name ?? null;
}

function nameWords(hit: CatalogSearchHit): Set<string> {
  return new Set(nameWordsOf(`${hit.server.name} ${hit.server.id}`));
}

function nameWordsOf(text: string): string[] {
  return tokens(text.replace(/[-_/.]/g, ' '));
}

/** The product with the clause's own words around it, so "Sentry" in "for every new Sentry error" searches "Sentry error". */
function mentionQuery(mention: Mention, clause: Clause): string {
  const after = clause.text.slice(mention.at + mention.text.length).split(/\s+/).filter(Boolean).slice(0, 2).join(' ');
  return `${mention.text} ${after}`.trim();
}

function tokens(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2)
    .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w));
}

export function assemble(picks: ClausePick[], capabilities: Capability[]): Plan {
  if (picks.length === 0) {
    const asked = capabilities.map((c) => `"${c.phrase}"`).join(', ');
    return {
      understood: false,
      clarifyingQuestion: `I could not find a server I am confident about for ${asked || 'this request'}. Which services should the agent use (for example Gmail, Google Sheets, Slack, GitHub)?`,
      selected: [],
      steps: [],
      capabilities,
    };
  }
  const selected = new Map<string, PlannedServer>();
  const steps: PlanStep[] = [];
  for (const pick of picks) {
    const id = pick.hit.server.id;
    const existing = selected.get(id);
    if (!existing || existing.score < pick.confidence) selected.set(id, { id, name: pick.hit.server.name, score: pick.confidence, reason: reasonFor(pick) });
    steps.push({ order: steps.length + 1, description: sentence(pick.clause.text) + (pick.mention ? ` (${pick.mention})` : ''), server: id, tool: pick.tool });
  }
  return { understood: true, selected: [...selected.values()], steps, capabilities };
}

function reasonFor(pick: ClausePick): string {
  const via = pick.tool ? ` via tool ${pick.tool}` : '';
  return `matches '${pick.clause.text}'${via}`;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
