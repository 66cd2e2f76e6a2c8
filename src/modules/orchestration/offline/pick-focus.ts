import type { Clause } from './capabilities';
import { productMentions } from './capabilities';
import type { ClausePick } from './offline.planner';

/** What decides which of a request's clause picks make the plan. */
export interface FocusInput {
  clauses: Clause[];
  picks: ClausePick[];
  /**
   * The request read as a whole (one more search, so asked only when needed): its best server, and
   * the servers it ranks near its top (a clause pick among them is corroborated).
   */
  readWhole: () => Promise<{ best: ClausePick | undefined; support: Set<string> }>;
  /** True when the pick is a product the user named. */
  named: (pick: ClausePick) => boolean;
}

/**
 * A request asks for several capabilities when its clauses need different kinds of thing (mail and
 * chat) or it names more than one product. "List and filter tasks" is one capability, however split.
 */
export function isMultiCapability(clauses: Clause[]): boolean {
  const objects = new Set(clauses.map((c) => c.object).filter((o): o is string => o !== null));
  const products = new Set(clauses.flatMap((c) => productMentions(c.text).map((m) => m.text.toLowerCase())));
  return objects.size > 1 || products.size > 1;
}

/**
 * Clause searches over-select: every clause finds something. A single-capability request gets one
 * server (the named product's, else the whole request's best); a multi-capability one keeps a clause
 * pick only when it is strongly supported on its own (a named product, or the whole-request search
 * agrees), and falls back to the whole request's best when none is.
 */
export async function focusPicks({ clauses, picks, readWhole, named }: FocusInput): Promise<ClausePick[]> {
  if (picks.length === 0) return picks;
  const namedPicks = picks.filter(named);
  // One capability: the whole request's best, unless the user named a product the catalog curates.
  if (!isMultiCapability(clauses)) return [namedPicks.find((p) => p.curated) ?? (await readWhole()).best ?? picks[0]];
  if (namedPicks.length === picks.length) return picks;
  const { best, support } = await readWhole();
  const strong = picks.filter((p) => named(p) || support.has(p.hit.server.id));
  // With no product named, the whole request's best is the surest single pick; keep it beside the rest.
  const lead = best && namedPicks.length === 0 && !strong.some((p) => p.hit.server.id === best.hit.server.id) ? [best] : [];
  const kept = [...lead, ...strong];
  return kept.length ? kept : [picks[0]];
}
