import { analyze } from '../../mcp-catalog/search/text-analyzer';
import type { Clause } from './capabilities';

/**
 * Catalog searches one plan may send. Each costs the database a full-text and vector query
 * (about 12 ms); a chatty request splits into thirty clauses, most of them filler ("so once you've
 * got those", "Thanks a ton"), and chat must still answer quickly at load. The whole request's
 * search is sent first; the clauses most likely to name a server use what is left.
 */
export const MAX_SEARCHES = 10;

/**
 * The order in which clauses get their searches: capabilities the request implies and clauses
 * naming a product first (they decide the plan outright), then the clauses with the most content
 * words: a clause of filler finds whatever server shares its one incidental word.
 */
export function searchOrder(clauses: readonly Clause[], namesProduct: (clause: Clause) => boolean): number[] {
  const rank = (c: Clause) => (c.implied ? 2 : namesProduct(c) ? 1 : 0);
  return clauses
    .map((clause, i) => ({ i, rank: rank(clause), content: contentWeight(clause.text) }))
    .sort((a, b) => b.rank - a.rank || b.content - a.content || a.i - b.i)
    .map((c) => c.i);
}

/** How much a clause says: its distinct content words, longer (rarer) words counting more. */
export function contentWeight(text: string): number {
  return [...new Set(analyze(text))].reduce((sum, term) => sum + (term.length >= 6 ? 1.5 : 1), 0);
}
