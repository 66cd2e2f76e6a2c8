import type { RankedServer } from './reranker';
import type { RerankerOptions } from './reranker-options';

/** One clause's (or implied step's) best server. */
export interface StepWinner {
  readonly id: string;
  readonly implied: boolean;
}

/**
 * Gives each clause's best server a place in the top `diversifyTop` (an implied step's best too):
 * a missing winner displaces the weakest server there that is not among the first `diversifyKeep`,
 * not another clause's winner and not a close rival of the best (`diversifyDisplaceBelow`).
 */
export function diversify(ranked: RankedServer[], winners: readonly StepWinner[], o: RerankerOptions): RankedServer[] {
  const top = o.diversifyTop ?? 0;
  const keep = o.diversifyKeep ?? 1;
  if (top <= keep || winners.length === 0 || ranked.length <= top) return ranked;
  const depth = new Set(ranked.slice(0, o.diversifyDepth ?? ranked.length).map((r) => r.id));
  const eligible = new Set(winners.filter((w) => w.implied || depth.has(w.id)).map((w) => w.id));
  const head = ranked.slice(0, top);
  const headIds = new Set(head.map((r) => r.id));
  const bar = (o.diversifyDisplaceBelow ?? 1) * (ranked[0]?.score ?? 0);
  const displaceable = head.filter((r, i) => i >= keep && !eligible.has(r.id) && r.score < bar).reverse();
  const missing = ranked.filter((r) => eligible.has(r.id) && !headIds.has(r.id)).slice(0, displaceable.length);
  if (missing.length === 0) return ranked;
  const out = new Set(displaceable.slice(0, missing.length).map((r) => r.id));
  const kept = head.filter((r) => !out.has(r.id));
  const below = ranked.filter((r) => !headIds.has(r.id) && !missing.includes(r)).concat(head.filter((r) => out.has(r.id))).sort((x, y) => y.score - x.score);
  // Scores are capped by the server above, so the list stays sorted by score (ties keep this order).
  const result: RankedServer[] = [];
  for (const r of [...kept, ...missing, ...below]) {
    const cap = result[result.length - 1]?.score ?? r.score;
    result.push(r.score > cap ? withScore(r, cap) : r);
  }
  return result;
}

/** The same server with a lower score (a plain object: getters do not survive a spread). */
function withScore(r: RankedServer, score: number): RankedServer {
  return { id: r.id, score, matchedFields: r.matchedFields, matchedTools: r.matchedTools, matchedTerms: r.matchedTerms };
}
