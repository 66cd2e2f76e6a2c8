import type { CatalogSearchHit } from '../../mcp-catalog/catalog.types';
import type { Clause } from './capabilities';

/** One search's answer, read as evidence for the servers it ranks near its top. */
export interface Evidence {
  clause: Clause;
  hits: CatalogSearchHit[];
  /** How much this search counts beside the others. */
  weight: number;
  /** The whole request's search: its evidence counts, but a step is better described by a clause. */
  whole?: boolean;
}

/** A server's summed evidence, with the clause and hit where its evidence was strongest. */
export interface Vote {
  hit: CatalogSearchHit;
  clause: Clause;
  tally: number;
  best: number;
  /** Per search that counted this server, the servers it ranked above it. */
  outranked: Array<ReadonlySet<string>>;
}

/** How far down one search's ranking still counts. */
const DEPTH = 5;
/** Scores are comparable only within one search: a hit counts when it is this close to that search's best. */
const NEAR = 0.7;
/** The request's words name the server: the surest sign it is the product meant. */
const NAME_WEIGHT = 3;
/**
 * Only tool names or descriptions matched: in a long request a tool-rich server matches some
 * incidental word ("list", "price", "search") in nearly every clause, so such a match counts little.
 */
const TOOL_ONLY_WEIGHT = 0.3;
/** Elected: a tally this close to the best one. Set F1 punishes an extra pick as much as a missed one. */
export const ELECT_NEAR = 0.7;

const TOOL_FIELDS = new Set(['tools', 'tool_descriptions']);
/** How a hit was found (vector, full-text only), not where its words matched. */
const MARKERS = new Set(['vector', 'full_text_only']);

export function fieldWeight(hit: CatalogSearchHit): number {
  const lexical = hit.matchedFields.filter((f) => !MARKERS.has(f));
  if (lexical.includes('name')) return NAME_WEIGHT;
  if (lexical.length > 0 && lexical.every((f) => TOOL_FIELDS.has(f))) return TOOL_ONLY_WEIGHT;
  return 1;
}

/**
 * Sums, per server, its share of every search that ranks it near that search's best: relative
 * score times the search's weight times how telling its matched fields are. A server several
 * clauses find, or whose name the request uses, outvotes one that an incidental word surfaced once.
 */
export function tallyVotes(evidence: readonly Evidence[]): Vote[] {
  const votes = new Map<string, Vote>();
  for (const { clause, hits, weight } of evidence) {
    const top = hits[0]?.score ?? 0;
    if (top <= 0) continue;
    hits.slice(0, DEPTH).forEach((hit, rank) => {
      if (hit.score < NEAR * top) return;
      const share = (weight * hit.score * fieldWeight(hit)) / top;
      const above = new Set(hits.slice(0, rank).map((h) => h.server.id));
      const vote = votes.get(hit.server.id);
      if (!vote) votes.set(hit.server.id, { hit, clause, tally: share, best: share, outranked: [above] });
      else {
        vote.tally += share;
        vote.outranked.push(above);
        if (share > vote.best) Object.assign(vote, { hit, clause, best: share });
      }
    });
  }
  for (const vote of votes.values()) if (evidence.find((e) => e.clause === vote.clause)?.whole) describeByClause(vote, evidence);
  // Ties broken by id so the plan never depends on map order.
  return [...votes.values()].sort((a, b) => b.tally - a.tally || a.hit.server.id.localeCompare(b.hit.server.id));
}

/**
 * Every search that counted the server ranked one of the chosen servers above it: it is the
 * runner-up for needs the plan already covers, not a need of its own.
 */
export function isRunnerUp(vote: Vote, chosen: ReadonlySet<string>): boolean {
  return vote.outranked.every((above) => [...above].some((id) => chosen.has(id)));
}

/** A server only the whole request's search ranked well: its step is the clause whose own search ranks it highest. */
function describeByClause(vote: Vote, evidence: readonly Evidence[]): void {
  let best = 0;
  for (const { clause, hits, whole } of evidence) {
    const top = hits[0]?.score ?? 0;
    const hit = whole || top <= 0 ? undefined : hits.find((h) => h.server.id === vote.hit.server.id);
    if (hit && hit.score / top > best) {
      best = hit.score / top;
      Object.assign(vote, { clause, hit });
    }
  }
}

/**
 * The servers whose tally is close to the best one, at most `max`, one per product: catalogs list
 * the same product under many ids ("Tavily MCP", "mcp-tavily"), and a second copy adds nothing.
 */
export function elect(votes: readonly Vote[], max: number): Vote[] {
  const top = votes[0]?.tally ?? 0;
  const products = new Set<string>();
  const elected: Vote[] = [];
  for (const vote of votes) {
    if (vote.tally < ELECT_NEAR * top || elected.length >= max) break;
    const product = productKey(vote.hit.server.name);
    if (product && products.has(product)) continue;
    if (product) products.add(product);
    elected.push(vote);
  }
  return elected;
}

/** Words every MCP server's name may carry, which say nothing about the product. */
const GENERIC_NAME_WORDS = new Set(['mcp', 'server', 'servers', 'model', 'context', 'protocol', 'the', 'for', 'official', 'api', 'tool', 'tools']);

/** A server name reduced to its product words: "Tavily MCP Server" and "mcp-tavily" are both "tavily". */
export function productKey(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !GENERIC_NAME_WORDS.has(w))
    .sort()
    .join(' ');
}
