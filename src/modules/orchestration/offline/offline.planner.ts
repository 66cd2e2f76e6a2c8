import { Injectable } from '@nestjs/common';
import type { CatalogSearchHit, CatalogServer } from '../../mcp-catalog/catalog.types';
import { CatalogPort } from '../../agents/ports/catalog.port';
import { Capability, Plan, PlannedServer, Planner, PlannerInput, PlanStep } from '../plan.types';
import { actionWords, capabilityName, Clause, isKnownProduct, Mention, productMentions, splitClauses } from './capabilities';
import { doneByTools, impliedClauses } from './implied-needs';
import { refinePlan } from './plan-refiner';
import { Evidence, fieldWeight, Vote } from './evidence-vote';
import { focusPicks } from './pick-focus';
import { SearchMemo } from './search-memo';
import { CuratedNames } from './curated-names';
import { MAX_SEARCHES, searchOrder } from './search-budget';
import { nameHas, nameWordsOf, serverNameWords, tokens } from './name-words';

export { ownerAndRepo } from './name-words';
import { loadStarterCatalog } from '../../agents/ports/starter-catalog.loader';

const HITS_PER_CLAUSE = 10;
const CURATED_HITS = 5;
/** The whole request's search in the vote, beside clause searches weighted 1/sqrt(number of clauses). */
const WHOLE_WEIGHT = 1;
/** Hits within this fraction of the best are treated as equally good matches. */
const NEAR_TOP = 0.6;
/** A curated server this close to the top hit is as relevant, and the user can actually run it. */
const CURATED_NEAR = 0.8;
/** A launchable server scoring this close to an unlaunchable pick replaces it (see launchableInstead). */
export const LAUNCHABLE_NEAR = 0.9;
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
  /** The pick is the catalog's curated entry for a product the clause names, or the launchable server standing in for it. */
  curated?: boolean;
}

/**
 * The deterministic planner: one catalog search per capability of the request, the best launchable
 * server for each, duplicates merged, each step bound to a server and, where one matches, its tool.
 */
@Injectable()
export class OfflinePlanner extends Planner {
  readonly name = 'offline';

  /** Curated servers (the starter catalog): documented credentials and sanctioned launch configs. */
  private readonly curatedIds: string[];
  private readonly curatedNames: CuratedNames;
  /** The starter catalog's own names for its servers (empty when the curated ids were given). */
  private readonly starterNames: ReadonlyMap<string, string>;

  constructor(
    private readonly catalog: CatalogPort,
    curatedIds?: string[],
    /** Catalog searches one message's plan may send (see MAX_SEARCHES). */
    private readonly maxSearches = MAX_SEARCHES,
  ) {
    super();
    const starter = curatedIds ? [] : starterServers();
    this.curatedIds = curatedIds ?? starter.map((s) => s.id);
    this.starterNames = new Map(starter.map((s) => [s.id, s.name]));
    this.curatedNames = new CuratedNames(catalog, this.curatedIds, this.starterNames);
  }

  /**
   * A hit's name words; a curated server also carries its starter name's words, which an import
   * of a bigger catalog may have replaced ("MS 365 MCP Server" is still Outlook).
   */
  private nameWords(hit: CatalogSearchHit): Set<string> {
    const words = serverNameWords(hit.server.name, hit.server.id);
    const starter = this.starterNames.get(hit.server.id);
    if (starter) serverNameWords(starter, hit.server.id).forEach((w) => words.add(w));
    return words;
  }

  /** The server's name carries every word of the product the user named. */
  private covers(hit: CatalogSearchHit, mention: string): boolean {
    const words = nameWordsOf(mention);
    const names = this.nameWords(hit);
    return words.length > 0 && words.every((w) => nameHas(names, w));
  }

  async plan(input: PlannerInput): Promise<Plan> {
    const memo = this.memo();
    const previous = input.context.plan;
    if (previous?.understood) return refinePlan(previous, input.message, (text) => this.planText(text, memo));
    const request = previous ? `${input.context.request ?? ''}. ${input.message}` : input.message;
    return this.planText(request, memo);
  }

  /** A fresh per-message cache of searches and records. */
  memo(): SearchMemo {
    return new SearchMemo(this.catalog, this.maxSearches);
  }

  /** Plans a request from scratch. */
  async planText(text: string, memo = this.memo()): Promise<Plan> {
    const said = splitClauses(text);
    const clauses = [...said, ...impliedClauses(text)];
    const order = searchOrder(clauses, (c) => productMentions(c.text).some((m) => isKnownProduct(m.text)));
    const found = new Map<number, { pick?: ClausePick; extras: ClausePick[] }>();
    for (const i of order) found.set(i, { pick: await this.pickFor(clauses[i], memo), extras: [] });
    // Products a clause names beside its pick come after every clause has had its own search.
    for (const i of order) {
      const entry = found.get(i) as { pick?: ClausePick; extras: ClausePick[] };
      entry.extras = await this.uncoveredMentions(clauses[i], entry.pick, memo);
      // The clause names products and its own pick is none of them: the named ones replace it.
      const pick = entry.pick;
      if (pick && entry.extras.length && !productMentions(clauses[i].text).some((m) => this.covers(pick.hit, m.text))) entry.pick = undefined;
    }
    // An implied step a stated step's server already has a tool for is no step of its own.
    const statedTools = said.flatMap((_, i) => found.get(i)?.pick?.hit.server.tools ?? []);
    const needed = clauses.filter((c) => !c.implied || !doneByTools(c, statedTools));
    const picks: ClausePick[] = [];
    const capabilities: Capability[] = [];
    clauses.forEach((clause, i) => {
      if (!needed.includes(clause)) return;
      const { pick, extras } = found.get(i) as { pick?: ClausePick; extras: ClausePick[] };
      capabilities.push({ name: capabilityName(clause), phrase: clause.text, server: pick?.hit.server.id ?? null });
      if (pick) picks.push(pick);
      for (const extra of extras) {
        capabilities.push({ name: `${extra.clause.object ?? 'product'}-${(extra.mention ?? '').toLowerCase().replace(/\s+/g, '-')}`, phrase: extra.clause.text, server: extra.hit.server.id });
        picks.push(extra);
      }
    });
    const kept = await this.focus(text, said, needed, picks, memo);
    const keptIds = new Set(kept.map((p) => p.hit.server.id));
    return assemble(kept, capabilities.map((c) => (c.server && !keptIds.has(c.server) ? { ...c, server: null } : c)));
  }

  /** Keeps the clause picks the request as a whole supports (see focusPicks). */
  private async focus(text: string, said: Clause[], clauses: Clause[], picks: ClausePick[], memo: SearchMemo): Promise<ClausePick[]> {
    if (picks.length === 0) return picks;
    const request: Clause = { text, action: clauses[0]?.action ?? null, object: clauses[0]?.object ?? null };
    const readWhole = async () => {
      const hits = await memo.search(text.slice(0, MAX_QUERY), HITS_PER_CLAUSE, { last: true });
      const top = this.preferCurated(hits);
      const confidence = top ? confidenceOf(top, request) : 0;
      return top && confidence >= MIN_CONFIDENCE ? { clause: clauses[0] ?? request, hit: top, confidence, tool: bindTool(top, request) } : undefined;
    };
    const named = (p: ClausePick) => !!p.clause.implied || !!p.mention || productMentions(p.clause.text).some((m) => this.covers(p.hit, m.text));
    // Only the user's own words vote; an implied capability is kept like a named product.
    let read: Evidence[] = [];
    const evidence = async (): Promise<Evidence[]> => {
      // A chatty request splits into many clauses, each mostly filler: the more there are, the less each counts.
      const weight = 1 / Math.sqrt(said.length);
      // The searches are independent: sent together (in this order, which is what the budget counts), a
      // long request waits for the slowest one instead of for their sum.
      const clauseLists = said.map((clause) => memo.search(clause.text.slice(0, MAX_QUERY), HITS_PER_CLAUSE).then((hits): Evidence => ({ clause, hits, weight })));
      const wholeHits = memo.search(text.slice(0, MAX_QUERY), HITS_PER_CLAUSE, { last: true });
      const lists = await Promise.all(clauseLists);
      read = [...lists, { clause: request, hits: await wholeHits, weight: WHOLE_WEIGHT, whole: true }];
      return read;
    };
    // An elected server the catalog cannot start gives way to a launchable one its search ranked nearly as well.
    const toPick = ({ hit, clause }: Vote): ClausePick => {
      const server = launchableInstead(hit, read.find((e) => e.clause === clause)?.hits ?? []);
      return { clause, hit: server, confidence: confidenceOf(server, clause), tool: bindTool(server, clause) };
    };
    const mentions = productMentions(text);
    const namesProduct = (hit: CatalogSearchHit) => mentions.some((m) => this.covers(hit, m.text));
    return focusPicks({ clauses, picks, readWhole, named, evidence, toPick, namesProduct });
  }

  /**
   * One clause can name two products ("a Linear ticket for every Sentry error"): each named product
   * the clause's pick does not cover gets its own search, kept only when a server is named for it.
   */
  private async uncoveredMentions(clause: Clause, pick: ClausePick | undefined, memo: SearchMemo): Promise<ClausePick[]> {
    const covered = pick ? this.nameWords(pick.hit) : new Set<string>();
    const extras: ClausePick[] = [];
    for (const mention of productMentions(clause.text)) {
      const words = nameWordsOf(mention.text);
      if (words.every((w) => nameHas(covered, w))) continue;
      const extra = await this.pickFor({ ...clause, text: mentionQuery(mention, clause) }, memo);
      if (!extra || !words.some((w) => nameHas(this.nameWords(extra.hit), w))) continue;
      if (extra.hit.server.id === pick?.hit.server.id || extras.some((e) => e.hit.server.id === extra.hit.server.id)) continue;
      extras.push({ ...extra, clause: { ...clause, text: clause.text }, mention: mention.text });
      this.nameWords(extra.hit).forEach((w) => covered.add(w));
    }
    return extras;
  }

  /**
   * Among near-equal hits (many catalogs list "Gmail" a dozen times) prefer one that can be launched
   * and whose credential needs are documented; a clearly better match still wins.
   */
  private async preferClear(hits: CatalogSearchHit[], memo: SearchMemo): Promise<CatalogSearchHit | undefined> {
    const top = hits[0];
    if (!top) return undefined;
    const close = hits.filter((h) => h.score >= top.score * NEAR_TOP && asTelling(h, top));
    if (close.length === 1) return top;
    const records = await memo.servers(close.map((h) => h.server.id));
    const value = (h: CatalogSearchHit) => h.score / top.score + 0.25 * clarity(records.get(h.server.id)) + 0.1 * (h.server.launchable ? 1 : 0);
    return close.reduce((best, h) => (value(h) > value(best) ? h : best), top);
  }

  /**
   * The curated entry for a product the clause names, looked up by the product's name alone (the
   * clause's other words would pull in curated servers that merely share a verb).
   */
  private async curatedFor(clause: Clause, memo: SearchMemo): Promise<CatalogSearchHit | undefined> {
    for (const mention of productMentions(clause.text)) {
      const words = nameWordsOf(mention.text);
      // Searched only when a curated server carries the name: most capitalised words name none.
      const ids = await this.curatedNames.named(words);
      if (ids.length === 0) continue;
      const hits = await memo.search(mention.text, CURATED_HITS, { serverIds: ids });
      const found = ids.map((id) => hits.find((h) => h.server.id === id)).find((h) => h !== undefined);
      if (found) return found;
    }
    return undefined;
  }

  /** Among near-equal hits, the curated one (documented credentials, sanctioned launch); else the top hit. */
  private preferCurated(hits: CatalogSearchHit[]): CatalogSearchHit | undefined {
    const top = hits[0];
    if (!top) return undefined;
    const curated = new Set(this.curatedIds);
    const found = hits.find((h) => h.score >= top.score * CURATED_NEAR && curated.has(h.server.id) && h.server.launchable && asTelling(h, top));
    return found ?? launchableInstead(top, hits);
  }

  async pickFor(clause: Clause, memo = this.memo()): Promise<ClausePick | undefined> {
    const text = clause.text.slice(0, MAX_QUERY);
    // The user named a product and the catalog curates an entry for it: that entry is the one they
    // can actually run (documented credentials, sanctioned launch), ahead of same-named look-alikes.
    const curated = await this.curatedFor(clause, memo);
    let best = curated;
    // The clause's own search is needed when nothing is curated, or the curated entry cannot be started.
    if (!curated || !curated.server.launchable) {
      const hits = namingFirst(await memo.search(text, HITS_PER_CLAUSE), clause, (h) => this.nameWords(h));
      const chosen = curated ?? (await this.preferClear(hits, memo));
      best = chosen && launchableInstead(chosen, hits);
    }
    if (!best) return undefined;
    const confidence = confidenceOf(best, clause);
    if (confidence < MIN_CONFIDENCE) return undefined;
    return { clause, hit: best, confidence, tool: bindTool(best, clause), curated: !!curated };
  }
}

/**
 * A launchable or curated alternative may stand in for the top hit only when it matched the request
 * in as telling a way: a server named by the request's words is not swapped for one that only
 * shares a tool word with it ("news" names Hacker News; a finance server merely has a news tool).
 */
function asTelling(hit: CatalogSearchHit, top: CatalogSearchHit): boolean {
  return fieldWeight(hit) >= fieldWeight(top);
}

/**
 * A server the catalog cannot start leaves the user stuck at setup: a launchable hit that matched
 * nearly as well (within LAUNCHABLE_NEAR of its score, or of the top score when it came from another
 * search) and in as telling a way (see asTelling) stands in for it.
 */
export function launchableInstead(best: CatalogSearchHit, hits: readonly CatalogSearchHit[]): CatalogSearchHit {
  if (best.server.launchable) return best;
  const score = hits.find((h) => h.server.id === best.server.id)?.score ?? hits[0]?.score ?? 0;
  return hits.find((h) => h.server.launchable && h.score >= score * LAUNCHABLE_NEAR && asTelling(h, best)) ?? best;
}

/** When the clause names a product, hits named for it are the only candidates (if there are any). */
function namingFirst(hits: CatalogSearchHit[], clause: Clause, nameWords: (hit: CatalogSearchHit) => Set<string>): CatalogSearchHit[] {
  const mentions = productMentions(clause.text).map((m) => nameWordsOf(m.text));
  const named = hits.filter((h) => mentions.some((words) => words.length > 0 && words.every((w) => nameHas(nameWords(h), w))));
  return named.length ? named : hits;
}

function starterServers(): CatalogServer[] {
  try {
    return loadStarterCatalog();
  } catch {
    return [];
  }
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

/** The product with the clause's own words around it, so "Sentry" in "for every new Sentry error" searches "Sentry error". */
function mentionQuery(mention: Mention, clause: Clause): string {
  const after = clause.text.slice(mention.at + mention.text.length).split(/\s+/).filter(Boolean).slice(0, 2).join(' ');
  return `${mention.text} ${after}`.trim();
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
