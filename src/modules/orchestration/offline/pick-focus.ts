import type { CatalogSearchHit } from '../../mcp-catalog/catalog.types';
import type { Clause } from './capabilities';
import { productMentions } from './capabilities';
import { elect, Evidence, isRunnerUp, tallyVotes, Vote } from './evidence-vote';
import type { ClausePick } from './offline.planner';

/**
 * A voted plan holds at most this many servers, the named ones included (a request naming more
 * products keeps them all). An extra server costs the user as much as a missing one: a credential
 * to find and a process to run for nothing.
 */
export const MAX_VOTED = 2;
/**
 * A voted server beside one already chosen needs at least this tally: as much as one search ranking
 * it first on its description. Less is an incidental match, and an extra server costs as much as a
 * missing one.
 */
export const MIN_BESIDE = 1;

/** What decides which of a request's clause picks make the plan. */
export interface FocusInput {
  clauses: Clause[];
  picks: ClausePick[];
  /** The request read as a whole (one more search, so asked only when needed): its best server. */
  readWhole: () => Promise<ClausePick | undefined>;
  /** True when the pick is a product the user named. */
  named: (pick: ClausePick) => boolean;
  /** Every clause's search and the whole request's, as evidence for a vote (asked only when needed). */
  evidence: () => Promise<Evidence[]>;
  /** A pick for a server the vote elected that no clause picked. */
  toPick: (vote: Vote) => ClausePick;
  /** True when the server's name carries a product the request names. */
  namesProduct: (hit: CatalogSearchHit) => boolean;
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

/** One clause, or clauses that all name the same kind of thing ("list files and directories in the folder"). */
function isOneThing(clauses: Clause[]): boolean {
  return !isMultiCapability(clauses) && (clauses.length <= 1 || clauses.every((c) => c.object !== null));
}

/**
 * Clause searches over-select: every clause finds something. A request for one thing (see isOneThing)
 * gets one server (the named product's, else the whole request's best). A longer one keeps every
 * product the user named, and beside them the servers the request's searches vote for (see
 * tallyVotes): the servers whose tally is close to the best, up to MAX_VOTED in all. A server voted
 * in beside another must earn MIN_BESIDE and must not be only the runner-up of a chosen one.
 */
export async function focusPicks({ clauses, picks, readWhole, named, evidence, toPick, namesProduct }: FocusInput): Promise<ClausePick[]> {
  if (picks.length === 0) return picks;
  const namedPicks = picks.filter(named);
  if (isOneThing(clauses)) return [namedPicks.find((p) => p.curated) ?? (await readWhole()) ?? picks[0]];
  if (namedPicks.length === picks.length) return picks;
  const namedIds = new Set(namedPicks.map((p) => p.hit.server.id));
  const productNamed = namedPicks.some((p) => !p.clause.implied);
  const room = Math.max(0, MAX_VOTED - namedIds.size);
  // A clause that names a product has its server: its search says nothing more about the other needs.
  const namingClauses = new Set(namedPicks.filter((p) => !p.clause.implied).map((p) => p.clause.text));
  const votes = tallyVotes((await evidence()).filter((e) => e.whole || !namingClauses.has(e.clause.text)));
  // A named product already has its server: another server carrying that name is a look-alike of it.
  const candidates = elect(votes, MAX_VOTED).filter((v) => !namedIds.has(v.hit.server.id) && !(productNamed && namesProduct(v.hit)));
  const chosen = new Set(namedIds);
  const elected: Vote[] = [];
  for (const vote of candidates) {
    if (elected.length >= room) break;
    if (chosen.size > 0 && (vote.tally < MIN_BESIDE || isRunnerUp(vote, chosen))) continue;
    elected.push(vote);
    chosen.add(vote.hit.server.id);
  }
  const keep = new Set([...namedIds, ...elected.map((v) => v.hit.server.id)]);
  // Clause picks of a kept server stay (each is a step); an elected server no clause picked gets one pick.
  const kept = picks.filter((p) => keep.has(p.hit.server.id));
  const added = elected.filter((v) => !kept.some((p) => p.hit.server.id === v.hit.server.id)).map(toPick);
  const result = [...kept, ...added];
  return result.length ? result : [picks[0]];
}
